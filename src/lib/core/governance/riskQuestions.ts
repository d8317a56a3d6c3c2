/**
 * The risk questionnaire as data (one catalogue): each question, its options, and what each
 * option implies — a legal tier (EU AI Act: Article 5 bans → prohibited, an Annex III use →
 * high, an Article 50 transparency duty → limited, else minimal) and/or a note for heightened
 * attention. Article and annex numbers are cited; the wording is our own, short and plain, not
 * the legal text. riskTier.ts reads it; adding a question is one entry here.
 */

/** Ordered from least to most restrictive; the result is the highest any answer implies. */
export const RISK_TIERS = ['minimal', 'limited', 'high', 'prohibited'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/** `single`: one option; `multi`: any number (an `exclusive` option stands alone); `yes-no`: options `yes` and `no`. */
export type RiskQuestionKind = 'single' | 'multi' | 'yes-no';

export interface RiskOption {
  /** Stable id within its question; stored answers name it. */
  id: string;
  label: string;
  /** The tier this answer implies (with the reason `says`); absent: it implies none. */
  tier?: RiskTier;
  /** Why, in one sentence a reader of the result sees next to the answer. */
  says: string;
  /** Set when the answer does not change the legal tier but calls for a closer look. */
  attention?: string;
  /** In a multi-choice question: "none of these", which cannot be ticked with another option. */
  exclusive?: boolean;
}

export interface RiskQuestion {
  id: string;
  text: string;
  help: string;
  kind: RiskQuestionKind;
  options: RiskOption[];
  /** Asked only when `question` has one of `anyOf` among its answers; otherwise its answer is ignored. */
  onlyIf?: { question: string; anyOf: string[] };
}

/** The Annex III areas (Article 6(2)): a use listed there makes a system high-risk unless Article 6(3) applies. */
const ANNEX_III_USES: [id: string, label: string, point: number][] = [
  ['biometrics', 'Biometrics: identifying people at a distance (not just confirming someone is who they claim), sorting people by biometric traits, or recognising emotions', 1],
  ['critical-infrastructure', 'Critical infrastructure: a safety component in running digital infrastructure, road traffic, or the supply of water, gas, heating or electricity', 2],
  ['education', 'Education and vocational training: deciding admission, grading learning outcomes, assigning the level a person may study at, or watching test-takers for cheating', 3],
  ['employment', 'Employment and workers management: recruiting or screening candidates, deciding promotion, termination or terms of work, allocating tasks from behaviour or traits, monitoring or rating performance', 4],
  ['essential-services', 'Essential private and public services: eligibility for public benefits or healthcare, credit scoring of people (fraud detection aside), risk and pricing of life or health insurance, triaging emergency calls', 5],
  ['law-enforcement', 'Law enforcement: assessing the risk that someone becomes a victim or offends, lie detection, judging the reliability of evidence, profiling in investigations', 6],
  ['migration', 'Migration, asylum and border control: lie detection, assessing risks posed by people entering, examining asylum, visa or residence applications, identifying people', 7],
  ['justice-democracy', 'Administration of justice and democratic processes: helping a court or dispute-resolution body research, interpret or apply the law, or influencing how people vote', 8],
];
const ANNEX_III: RiskOption[] = ANNEX_III_USES.map(([id, label, point]) => ({
  id,
  label,
  tier: 'high',
  says: `A use listed in Annex III point ${point} (Article 6(2)) is high-risk.`,
}));

/** The practices Article 5(1) bans outright, points (a) to (h). */
const ARTICLE_5_PRACTICES: [id: string, label: string, point: string][] = [
  ['manipulation', 'Subliminal, manipulative or deceptive techniques that distort people’s behaviour and cause or are likely to cause them significant harm', 'a'],
  ['exploiting-vulnerabilities', 'Exploiting a vulnerability of age, disability or a social or economic situation to distort someone’s behaviour, causing significant harm', 'b'],
  ['social-scoring', 'Social scoring: rating people on their social behaviour or traits, leading to unfair treatment in unrelated contexts or out of proportion', 'c'],
  ['predictive-policing', 'Predicting whether a person will commit a crime solely from profiling or personality traits', 'd'],
  ['face-scraping', 'Building or growing a facial-recognition database by untargeted scraping of faces from the internet or CCTV footage', 'e'],
  ['emotion-at-work-or-school', 'Inferring emotions of people at work or in education (except for medical or safety reasons)', 'f'],
  ['sensitive-categorisation', 'Biometric categorisation that infers race, political opinions, trade-union membership, religious or philosophical beliefs, sex life or sexual orientation', 'g'],
  ['realtime-remote-biometric-id', 'Real-time remote biometric identification in publicly accessible spaces for law enforcement, outside the narrow exceptions (a targeted search for specific victims or missing people, preventing an imminent threat to life or a terrorist attack, locating a suspect of a serious crime — each authorised beforehand)', 'h'],
];
const ARTICLE_5: RiskOption[] = ARTICLE_5_PRACTICES.map(([id, label, point]) => ({
  id,
  label,
  tier: 'prohibited',
  says: `A practice banned by Article 5(1)(${point}): no policy or review can make it deployable.`,
}));

const ANNEX_III_IDS = ANNEX_III.map((o) => o.id);

export const RISK_QUESTIONS: readonly RiskQuestion[] = [
  {
    id: 'intended-use',
    text: 'Intended use: is the system meant for any of these uses?',
    help: 'These are the areas of Annex III of the EU AI Act. Only the uses named count: a system used at a school to recommend reading is not grading learning outcomes. Tick every one that applies.',
    kind: 'multi',
    options: [...ANNEX_III, { id: 'none', label: 'None of these', tier: 'minimal', says: 'Not used in an Annex III area.', exclusive: true }],
  },
  {
    id: 'decision-role',
    text: 'In that use, what does the system’s output do?',
    help: 'Article 6(3): a system in an Annex III area is not high-risk when it does not materially influence the outcome of a decision — it only does one of the four narrow things below — and does not profile people.',
    kind: 'single',
    onlyIf: { question: 'intended-use', anyOf: ANNEX_III_IDS },
    options: [
      { id: 'shapes-outcome', label: 'It decides, or materially shapes, an outcome for a person', tier: 'high', says: 'The output shapes decisions about people, so the Article 6(3) exception does not apply.' },
      { id: 'narrow-procedural-task', label: 'It only performs a narrow procedural task (e.g. turning documents into structured data, sorting incoming files, finding duplicates)', tier: 'minimal', says: 'A narrow procedural task (Article 6(3)(a)): with no profiling, not high-risk.' },
      { id: 'improves-human-work', label: 'It only improves the result of work a person has already completed (e.g. polishing the wording)', tier: 'minimal', says: 'It improves work a person completed (Article 6(3)(b)): with no profiling, not high-risk.' },
      { id: 'detects-patterns', label: 'It only detects patterns or deviations in past decisions, and does not replace or sway the human assessment without proper review', tier: 'minimal', says: 'It detects patterns in past decisions without replacing the human assessment (Article 6(3)(c)): with no profiling, not high-risk.' },
      { id: 'preparatory-task', label: 'It only prepares material for an assessment that a person then makes', tier: 'minimal', says: 'A preparatory task for a person’s assessment (Article 6(3)(d)): with no profiling, not high-risk.' },
    ],
  },
  {
    id: 'profiles-people',
    text: 'Does the system profile people — evaluate personal aspects such as work performance, finances, health, preferences, behaviour or location to predict or judge them?',
    help: 'Article 6(3), last subparagraph: a system in an Annex III area that profiles people is always high-risk, whatever its role.',
    kind: 'yes-no',
    onlyIf: { question: 'intended-use', anyOf: ANNEX_III_IDS },
    options: [
      { id: 'yes', label: 'Yes', tier: 'high', says: 'It profiles people, so the Article 6(3) exception cannot apply.' },
      { id: 'no', label: 'No', tier: 'minimal', says: 'It does not profile people (one of the two conditions of Article 6(3)).' },
    ],
  },
  {
    id: 'prohibited-practice',
    text: 'Does the system do any of these?',
    help: 'These practices are banned by Article 5 of the EU AI Act. Real-time biometric identification used only under one of the narrow exceptions is not ticked here: choose Biometrics under intended use (it is then high-risk).',
    kind: 'multi',
    options: [...ARTICLE_5, { id: 'none', label: 'None of these', tier: 'minimal', says: 'No practice banned by Article 5.', exclusive: true }],
  },
  {
    id: 'transparency',
    text: 'Does the system talk with people or make content?',
    help: 'Article 50 of the EU AI Act: people must be told they deal with an AI system, and generated content must be marked as such. Emotion recognition and biometric categorisation also carry this duty (Article 50(3)), but they are Annex III uses: choose Biometrics under intended use.',
    kind: 'multi',
    options: [
      { id: 'interacts-with-people', label: 'It interacts directly with people (a chat, a voice assistant, an agent that replies)', tier: 'limited', says: 'People must be told they are dealing with an AI system (Article 50(1)).' },
      { id: 'generates-content', label: 'It generates text, images, audio or video', tier: 'limited', says: 'Generated content must be marked as artificially made, in a machine-readable way (Article 50(2)).' },
      { id: 'deep-fakes', label: 'It makes realistic images, audio or video of real people, places or events, or text published to inform the public', tier: 'limited', says: 'Deep fakes and generated text published on matters of public interest must be disclosed (Article 50(4)).' },
      { id: 'none', label: 'None of these', tier: 'minimal', says: 'No transparency duty under Article 50.', exclusive: true },
    ],
  },
  {
    id: 'affected-people',
    text: 'Whom do the system’s outputs affect?',
    help: 'Tick every group. This does not change the legal tier; children and people in a vulnerable situation call for a closer look.',
    kind: 'multi',
    options: [
      { id: 'public', label: 'Members of the public or customers', says: 'It affects members of the public or customers.' },
      { id: 'staff', label: 'Staff or workers', says: 'It affects staff or workers.', attention: 'It affects workers: they depend on their employer and may not be free to object.' },
      { id: 'learners', label: 'Students or trainees', says: 'It affects students or trainees.' },
      { id: 'children', label: 'Children', says: 'It affects children.', attention: 'It affects children: check the data, the wording and the harms with them in mind.' },
      { id: 'vulnerable', label: 'People in a vulnerable situation (illness, disability, debt, asylum …)', says: 'It affects people in a vulnerable situation.', attention: 'It affects people in a vulnerable situation: errors can hurt them more and they may be less able to contest them.' },
      { id: 'no-individuals', label: 'No individual person (only things, processes or totals)', says: 'It affects no individual person.', exclusive: true },
    ],
  },
  {
    id: 'human-review',
    text: 'Does a person review each decision before it takes effect?',
    help: 'Human oversight (Article 14 for high-risk systems). This does not change the legal tier.',
    kind: 'single',
    options: [
      { id: 'every-decision', label: 'Yes, a person reviews every decision', says: 'A person reviews every decision.' },
      { id: 'some-decisions', label: 'Only some: samples, low-confidence cases, or on appeal', says: 'A person reviews some decisions.', attention: 'Only some decisions are reviewed: say which, and how a person affected can ask for a review.' },
      { id: 'no-review', label: 'No, outputs take effect without a person', says: 'No person reviews decisions.', attention: 'No person reviews decisions: a mistake reaches people directly. A high-risk system must be designed so people can oversee it (Article 14).' },
    ],
  },
  {
    id: 'data-sensitivity',
    text: 'What personal data does the system learn from or use?',
    help: 'Tick every kind. This does not change the legal tier; special categories of personal data (GDPR Article 9) call for a closer look.',
    kind: 'multi',
    options: [
      { id: 'special-categories', label: 'Special categories: health, racial or ethnic origin, political opinions, religious or philosophical beliefs, trade-union membership, genetic or biometric data, sex life or sexual orientation', says: 'It uses special categories of personal data.', attention: 'It uses special categories of personal data (GDPR Article 9): needs a lawful basis of its own, and bias checks per group.' },
      { id: 'criminal-records', label: 'Criminal convictions or offences', says: 'It uses data on criminal convictions or offences.', attention: 'It uses data on criminal convictions or offences (GDPR Article 10): only under official authority or where law allows.' },
      { id: 'personal', label: 'Other personal data (names, contact details, messages, behaviour)', says: 'It uses personal data.' },
      { id: 'no-personal', label: 'No personal data', says: 'It uses no personal data.', exclusive: true },
    ],
  },
  {
    id: 'scale',
    text: 'How many people do its outputs reach in a year?',
    help: 'A rough figure. This does not change the legal tier; a large reach multiplies any error.',
    kind: 'single',
    options: [
      { id: 'few', label: 'Fewer than 1,000', says: 'It reaches fewer than 1,000 people a year.' },
      { id: 'thousands', label: '1,000 to 100,000', says: 'It reaches 1,000 to 100,000 people a year.' },
      { id: 'large', label: 'More than 100,000, or a whole population', says: 'It reaches more than 100,000 people a year.', attention: 'It reaches more than 100,000 people a year: a small error rate still harms many people; monitor by segment.' },
    ],
  },
];

/**
 * Article 6(3): an answer among `narrowRoles` to `roleQuestion`, with `no` to `profilingQuestion`,
 * takes the Annex III uses out of high-risk.
 */
export const ARTICLE_6_3 = {
  roleQuestion: 'decision-role',
  narrowRoles: ['narrow-procedural-task', 'improves-human-work', 'detects-patterns', 'preparatory-task'] as readonly string[],
  profilingQuestion: 'profiles-people',
} as const;

/** Stated wherever a tier is shown. */
export const RISK_TIER_DISCLAIMER =
  'This questionnaire is a teaching aid, not legal advice. It follows the EU AI Act’s tiers in simplified form; whether a real system is prohibited, high-risk or subject to transparency duties is for qualified legal counsel to decide.';
