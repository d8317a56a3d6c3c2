/**
 * House rule "only src/lib/db touches Dexie tables", as a lint rule: outside src/lib/db, a
 * member of a LifecycleDatabase that is one of its tables (`db.runs.get(id)`, `const { runs } =
 * db`), or Dexie's own way to tables (`table()`, `tables`, `projectTables()`, `transaction()`),
 * is an error: call a repository function of src/lib/db instead.
 *
 * Type-aware (typescript-eslint's project service): a member counts when its object's type is
 * LifecycleDatabase or a subclass, and it is a table when its declared type is Dexie's `Table` —
 * so the list of tables is the class's own (src/lib/db/database.ts) and cannot drift, and
 * `summary.runs` or `doc.deployments` (plain data with the same names) are left alone.
 */

const DATABASE_CLASS = 'LifecycleDatabase';
/** Dexie members that reach tables without naming one. */
const TABLE_ACCESS = new Set(['table', 'tables', 'projectTables', 'transaction']);

/** @param {import('typescript').Type} type @param {import('typescript').TypeChecker} checker */
function isDatabase(type, checker) {
  const stack = [checker.getNonNullableType(type)];
  const seen = new Set();
  while (stack.length) {
    const t = stack.pop();
    if (seen.has(t)) continue;
    seen.add(t);
    if (t.isUnion()) stack.push(...t.types);
    else if (t.getSymbol()?.getName() === DATABASE_CLASS) return true;
    else if (t.isClassOrInterface()) stack.push(...(checker.getBaseTypes(t) ?? []));
  }
  return false;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noTableAccess = {
  meta: {
    type: 'problem',
    docs: { description: 'Only src/lib/db touches the Dexie tables of LifecycleDatabase' },
    messages: {
      table: 'Only src/lib/db touches Dexie tables: `{{name}}` of LifecycleDatabase is for src/lib/db — call one of its repository functions instead.',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) {
      throw new Error('house/no-table-access needs type information: set parserOptions.projectService for this file.');
    }
    const checker = services.program.getTypeChecker();
    const typeOf = (node) => checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));

    /** The member's name when it is a table (or a way to tables) of a database-typed `object`. */
    function tableName(object, key, computed) {
      const name = !computed && key.type === 'Identifier' ? key.name : key.type === 'Literal' && typeof key.value === 'string' ? key.value : null;
      if (name === null) return null;
      const type = typeOf(object);
      if (!isDatabase(type, checker)) return null;
      if (TABLE_ACCESS.has(name)) return name;
      const property = checker.getNonNullableType(type).getProperty(name);
      if (!property) return null;
      const propertyType = checker.getTypeOfSymbolAtLocation(property, services.esTreeNodeToTSNodeMap.get(object));
      return propertyType.getSymbol()?.getName() === 'Table' ? name : null;
    }

    return {
      MemberExpression(node) {
        const name = tableName(node.object, node.property, node.computed);
        if (name) context.report({ node: node.property, messageId: 'table', data: { name } });
      },
      VariableDeclarator(node) {
        if (node.id.type !== 'ObjectPattern' || !node.init) return;
        for (const property of node.id.properties) {
          if (property.type !== 'Property') continue;
          const name = tableName(node.init, property.key, property.computed);
          if (name) context.report({ node: property.key, messageId: 'table', data: { name } });
        }
      },
    };
  },
};

/** The house's own lint rules, as an ESLint plugin. */
export default { meta: { name: 'house' }, rules: { 'no-table-access': noTableAccess } };
