/**
 * Templates and vocabularies for the seeded support-ticket generator (see `tickets.ts`).
 *
 * Template syntax, compiled once by the generator:
 * - `{slot}` is replaced by a value of the slot (see `SLOT_NAMES`). Within one ticket a slot keeps
 *   its value, so "the {plan} plan … still shows {plan}" names the same plan twice; `plan2` and
 *   `amount2` are guaranteed to differ from `plan` and `amount`.
 * - `[a|b|c]` picks one alternative uniformly; an empty alternative makes a part optional
 *   (`[really |]`). Alternatives may contain slots but no nested brackets.
 *
 * The fictional vendor is "Orbitly", a project and collaboration SaaS with web, desktop and mobile
 * apps. All names, companies and numbers are invented.
 */

/** Slots a template may use. The generator throws at compile time on any other `{name}`. */
export const SLOT_NAMES = [
  'product',
  'plan',
  'plan2',
  'amount',
  'amount2',
  'invoice',
  'card',
  'error',
  'browser',
  'version',
  'device',
  'os',
  'feature',
  'integration',
  'n',
  'seats',
  'fewer',
  'days',
  'date',
  'month',
  'year',
  'email',
  'name',
  'agent',
  'company',
  'country',
  'currency',
  'txn',
  'reqid',
  'language',
  'region',
  'paymethod',
  'ticketref',
] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/** Vocabulary classes; they match the ticket labels one to one (Billing, Technical Issue, General Inquiry). */
export type VocabClass = 'billing' | 'technical' | 'general';

// ---------------------------------------------------------------------------------------------
// Slot fillers
// ---------------------------------------------------------------------------------------------

export const PRODUCTS = [
  'Orbitly',
  'Orbitly',
  'the Orbitly app',
  'Orbitly Desk',
  'Orbitly Sync',
  'Orbitly Analytics',
  'Orbitly Forms',
  'the web app',
  'the desktop app',
  'the mobile app',
  'the browser extension',
] as const;
export const PLANS = ['Free', 'Starter', 'Pro', 'Team', 'Business', 'Enterprise'] as const;
/** `{plan}` is a paid plan, drawn by the customer's tier (`{plan2}` is any other plan). */
export const PLANS_BY_TIER: Record<'free' | 'pro' | 'enterprise', { plans: readonly string[]; weights: readonly number[] }> = {
  free: { plans: ['Starter', 'Pro', 'Team'], weights: [0.5, 0.35, 0.15] },
  pro: { plans: ['Pro', 'Team', 'Starter', 'Business'], weights: [0.5, 0.25, 0.15, 0.1] },
  enterprise: { plans: ['Enterprise', 'Business', 'Team'], weights: [0.55, 0.35, 0.1] },
};
/** List prices without currency symbol (the generator adds one currency per ticket). */
export const PRICE_POINTS = ['9.00', '12.00', '19.99', '29.00', '49.00', '99.00', '149.00', '240.00', '588.00', '1,188.00'] as const;
export const ERRORS = [
  'error 500',
  'a 502 Bad Gateway',
  'a 503 error',
  'a 403 Forbidden',
  'a 404 page',
  'a 429 Too Many Requests',
  'ERR_CONNECTION_RESET',
  'ERR_SSL_PROTOCOL_ERROR',
  'NETWORK_ERROR',
  'AUTH_TOKEN_EXPIRED',
  'SYNC_CONFLICT',
  '"Something went wrong"',
  '"Session expired, please sign in again"',
  '"Unexpected token < in JSON"',
  'a timeout',
  'error 0x80070005',
  'error code E1043',
  'error code E2207',
  'error E-4410',
] as const;
export const BROWSERS = ['Chrome', 'Chrome', 'Firefox', 'Safari', 'Edge', 'Brave', 'Opera'] as const;
export const DEVICES = [
  'iPhone 15',
  'iPhone 12',
  'Pixel 8',
  'Samsung Galaxy S23',
  'iPad Air',
  'MacBook Pro',
  'Dell laptop',
  'Surface Pro',
  'Android tablet',
  'work laptop',
  'Chromebook',
  'ThinkPad',
] as const;
export const OPERATING_SYSTEMS = ['Windows 11', 'Windows 10', 'macOS Sonoma', 'macOS 14', 'Ubuntu 22.04', 'iOS 17', 'Android 14', 'ChromeOS'] as const;
export const FEATURES = [
  'SSO',
  'single sign-on',
  'two-factor authentication',
  'CSV export',
  'PDF export',
  'custom fields',
  'webhooks',
  'the API',
  'audit logs',
  'shared workspaces',
  'guest access',
  'offline mode',
  'dark mode',
  'recurring tasks',
  'time tracking',
  'the reporting dashboard',
  'calendar sync',
  'automations',
  'roles and permissions',
  'version history',
  'bulk import',
  'the kanban board',
] as const;
export const INTEGRATIONS = ['Slack', 'Salesforce', 'Google Drive', 'Microsoft Teams', 'Zapier', 'Jira', 'HubSpot', 'Outlook', 'Dropbox', 'GitHub', 'QuickBooks', 'Xero'] as const;
export const SEAT_COUNTS = [3, 5, 8, 10, 12, 15, 20, 25, 40, 50, 75, 100, 150, 250] as const;
export const FIRST_NAMES = [
  'Anna', 'Ben', 'Carla', 'David', 'Elif', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam',
  'Maria', 'Noah', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sanjay', 'Tara', 'Umar', 'Vera', 'Wei', 'Yusuf',
  'Zoe', 'Mark', 'Sophie', 'Tom', 'Lena', 'Raj',
] as const;
export const LAST_INITIALS = ['A.', 'B.', 'C.', 'D.', 'K.', 'M.', 'P.', 'R.', 'S.', 'T.', 'W.'] as const;
export const AGENTS = ['Sam', 'Priya', 'Alex', 'Jordan', 'Mia', 'support team'] as const;
export const COMPANIES = [
  'Acme Corp', 'Northwind Traders', 'Bluebird Logistics', 'Brightside Dental', 'Greenleaf Studio', 'Harbor Analytics',
  'Kestrel Legal', 'Maple & Co', 'Nova Robotics', 'Pinewood School', 'Redline Motors', 'Silverline Media',
  'Summit Health', 'Tidewater Farms', 'Vantage Realty', 'Willow Bakery', 'Zenith Consulting', 'Copperfield Architects',
] as const;
export const COUNTRIES = ['Germany', 'France', 'Canada', 'the UK', 'Australia', 'the Netherlands', 'Spain', 'Brazil', 'India', 'Japan', 'Ireland'] as const;
export const CURRENCIES = ['EUR', 'GBP', 'USD', 'CAD', 'AUD'] as const;
export const REGIONS = ['the EU', 'Canada', 'Australia', 'the US', 'the UK', 'Switzerland'] as const;
export const LANGUAGES = ['German', 'French', 'Spanish', 'Japanese', 'Portuguese', 'Italian', 'Dutch', 'Polish'] as const;
export const PAYMENT_METHODS = ['PayPal', 'a Visa card', 'a Mastercard', 'Amex', 'bank transfer', 'Apple Pay', 'SEPA direct debit', 'a company card'] as const;
export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
] as const;

// ---------------------------------------------------------------------------------------------
// Frame: greetings, sign-offs, openers, channel-specific wrappers (shared by all classes)
// ---------------------------------------------------------------------------------------------

export const GREETINGS = [
  'Hi,', 'Hello,', 'Hi there,', 'Dear Support,', 'Dear Orbitly team,', 'Hello team,', 'Good morning,',
  'Good afternoon,', 'Hey,', 'Hi {agent},', 'Hello {agent},', 'To whom it may concern,', 'Hi support,',
] as const;
export const CHAT_GREETINGS = ['hi', 'hey', 'hello', 'hi there', 'Hi!', 'hey, quick one', 'Hello?'] as const;
export const SIGNOFFS = [
  'Thanks,\n{name}', 'Thank you,\n{name}', 'Best regards,\n{name}', 'Kind regards,\n{name}\n{company}',
  'Cheers,\n{name}', 'Many thanks!', 'Thanks in advance,\n{name}', 'Regards,\n{name} ({company})', '- {name}',
  'Best,\n{name}', 'Thanks!', 'Sent from my iPhone',
] as const;
export const OPENERS = [
  "I hope you're well.",
  "I'm writing about our account[ with you|].",
  'I need some help with something.',
  "[Sorry to bother you again|Sorry if this is the wrong place to ask], but I have a question.",
  "We've been using {product} for a while now.",
  'I contacted you [last week|a few days ago|on Monday] but [never heard back|got no reply].',
  'Following up on ticket {ticketref}.',
  'A colleague [told me|suggested] I should contact you.',
  'Long-time customer here.',
  'I run the account for {company}.',
] as const;
export const PHONE_PREFIXES = [
  'Phone call summary: ',
  'Customer called. ',
  'Caller from {company}: ',
  'Call notes ({agent}): ',
  'Inbound call - ',
  'Customer phoned in. ',
] as const;

/** Generic subjects used by every class (a share of tickets gets one of these). */
export const GENERIC_SUBJECTS = [
  'Help', 'Help needed', 'Question', 'Urgent', 'URGENT!!', 'Issue with my account', 'Re: ticket {ticketref}',
  'Follow up', 'Please help', 'Account question', 'Problem', 'Support request', '(no subject)', 'Hello',
  'Need assistance', 'Quick question', 'Re: your email', 'Problem with {product}', 'Question about my account',
  'Still waiting for an answer', 'Fwd: {company}', 'Orbitly account', 'Request', 'Issue',
] as const;

/** Sentences that fit any class: shared, low-signal vocabulary. */
export const GENERIC_SENTENCES = [
  'I hope you can help.',
  'This is [quite|rather|really] urgent for us.',
  'Please get back to me as soon as possible.',
  'Let me know if you need more information.',
  'My account email is {email}.',
  "We've been customers for {n} years.",
  'Our company is {company}.',
  "I couldn't find anything about this in the help center.",
  "We're on the {plan} plan with {seats} users.",
  'Could someone [call me back|give me a call] today?',
  'Thanks for your help.',
  'Appreciate a quick reply.',
  'I already asked in the chat but was told to email you.',
  'This is affecting our whole team.',
  "I'd appreciate it if you could look into this.",
  'Our admin is on holiday, so I am reaching out instead.',
  'Please reply to {email} rather than this address.',
  "I'm not very technical, so please keep it simple.",
  "It's the account for {company} in {country}.",
  'Thank you for your patience.',
] as const;

/**
 * Low-information bodies: what a customer writes before an agent has worked out the real issue.
 * The label of such a ticket is whatever the agent later found; the text barely hints at it.
 */
export const VAGUE_BODIES = [
  'I have a problem with my account, can someone call me?',
  'Something is not right with our {plan} account. Please contact me.',
  'Please call me back regarding my account, it is urgent.',
  "I need help with {product}. It isn't doing what I expected.",
  'Can someone from your team contact {email}? We have an issue.',
  'Hello, I have a question about {product}. When is a good time to talk?',
  'We have an issue with our workspace, please advise.',
  'Still waiting on a reply to ticket {ticketref}. Can you update me?',
  'Our account for {company} needs attention, please get in touch.',
  'Re my previous message: any news?',
  'I have a question about my account settings.',
  'Please help, our team is blocked.',
  'Can I speak to someone about our {plan} account?',
  'Is there someone who can help me with my account today?',
  'Following up again on {ticketref}, nobody has answered.',
] as const;

// ---------------------------------------------------------------------------------------------
// Class vocabularies
// ---------------------------------------------------------------------------------------------

/** One kind of issue: subject lines and sentences that state it (any subject fits any sentence). */
export interface Topic {
  subjects: readonly string[];
  core: readonly string[];
}

export interface ClassVocabulary {
  topics: readonly Topic[];
  /** Supporting details that carry (weaker) class vocabulary. */
  details: readonly string[];
  /**
   * Side remarks carrying this class's vocabulary, written to be dropped into a ticket of
   * another class (mixed-signal tickets).
   */
  mentions: readonly string[];
}

const billing: ClassVocabulary = {
  topics: [
    {
      subjects: ['Charged twice [this month|for one subscription]', 'Double charge on my card', 'Duplicate payment'],
      core: [
        'I was [charged|billed] twice for my {plan} subscription this month ({amount} each time).',
        'Our {paymethod} payment was taken twice for the same invoice.',
        'Please issue a credit note for the duplicate payment of {amount}.',
      ],
    },
    {
      subjects: ['Dispute about a charge', 'Chargeback'],
      core: [
        'I opened a dispute with my bank about the double charge. What happens next?',
        'Our bank is asking for proof of the charge of {amount} before they process the chargeback.',
      ],
    },
    {
      subjects: ['Unexpected charge of {amount}', 'Why was I [billed|charged] {amount}?', 'Wrong amount on [my|our] invoice'],
      core: [
        'My card ending in {card} was [billed|charged] {amount} on {date}, but I only expected {amount2}.',
        "My bank shows a pending charge of {amount} from Orbitly that I don't recognise.",
        "I've been charged {amount} for add-ons I never ordered.",
        'Why did our [bill|invoice] go up to {amount}? Nothing changed on our side.',
      ],
    },
    {
      subjects: ['Refund request[ for {invoice}|]', 'Refund not received yet', 'Where is my refund?'],
      core: [
        'Could you please [refund|send me a refund for] invoice {invoice}? I cancelled before the renewal date.',
        'When will the refund show up on my statement? It has been {days} days.',
        'Please refund the {amount} charged on {date}, we closed that workspace a month ago.',
      ],
    },
    {
      subjects: ['Cancel my subscription', 'Please cancel [auto-renewal|the renewal]', 'Charged after cancelling'],
      core: [
        'Please cancel my subscription [effective immediately|at the end of this billing period] and confirm by email.',
        'I want to turn off auto-renewal before I get charged again.',
        'I cancelled on {date} but was still charged {amount}.',
      ],
    },
    {
      subjects: ['Downgrade from {plan} to {plan2}', 'Upgrade to {plan} - billing question', 'Proration question after plan change'],
      core: [
        "I'd like to downgrade from {plan} to {plan2} at the end of the current billing cycle.",
        'The prorated charge after upgrading to {plan} looks wrong to me.',
      ],
    },
    {
      subjects: ['Subscription still shows {plan2} after payment', 'Paid but account says unpaid'],
      core: [
        'I paid for the {plan} plan but my account still shows {plan2}.',
        'My payment of {amount} went through but the subscription still says unpaid.',
      ],
    },
    {
      subjects: ['Payment failed', 'Card declined [when renewing|at checkout]', 'Update [credit card|payment method] on file'],
      core: [
        'The payment keeps [failing|getting declined] even though my card is valid and has enough funds.',
        'How do I update the credit card on file? The old one expired last month.',
      ],
    },
    {
      subjects: ['Need a VAT invoice', 'Invoice missing company details', 'PO number on invoice', 'Change of billing address'],
      core: [
        'We need the invoice to show our company name and VAT number for our accounts.',
        'Please add our PO number to invoice {invoice}, otherwise finance cannot pay it.',
        'Is it possible to split the invoice between two cost centres?',
        'Invoices need to be addressed to our head office in {country}.',
      ],
    },
    {
      subjects: ['Billing contact change', 'New billing email'],
      core: ['Our billing contact has changed, please send invoices to {email} from now on.'],
    },
    {
      subjects: ['Receipt for {month} payment', 'Copies of all invoices for {year}', 'Question about invoice {invoice}', 'Invoice {invoice}'],
      core: [
        'The receipt for my last payment never arrived.',
        'I need copies of all invoices from {year} for our accountant.',
        'Invoice {invoice} does not match the amount we agreed on.',
      ],
    },
    {
      subjects: ['Seat count on invoice is wrong', 'Overcharged for extra seats', 'Still paying for removed users'],
      core: [
        'Invoice {invoice} lists {seats} seats, but we only have {fewer} active users.',
        'We removed {n} seats last month but we are still paying for them.',
        'We were charged for {seats} seats instead of {fewer} on the last invoice.',
      ],
    },
    {
      subjects: ['Trial converted to paid without notice', 'Charged after free trial'],
      core: ['My free trial turned into a paid {plan} subscription and I never got a reminder.'],
    },
    {
      subjects: ['Discount code not applied', 'Renewal price higher than quoted', 'Price on renewal'],
      core: [
        'The discount code from your newsletter was not applied to my [order|renewal].',
        'The renewal price is higher than what our sales rep quoted us.',
      ],
    },
    {
      subjects: ['Sales tax charged incorrectly', 'Billing currency', 'Wrong currency at checkout'],
      core: [
        'I was charged sales tax although we are tax exempt. I can send the exemption certificate.',
        'Can you change the billing currency on our account to {currency}?',
        'The checkout charged me in USD instead of {currency}.',
      ],
    },
    {
      subjects: ['Pay by bank transfer / purchase order?', 'Payment deadline extension', 'Overdue notice but we already paid'],
      core: [
        'Can we pay by bank transfer or purchase order instead of a card?',
        'Could you extend the payment deadline for {invoice} by two weeks?',
        'Our finance team received an overdue notice for {invoice}, but it was paid on {date}.',
      ],
    },
    {
      subjects: ['Annual vs monthly billing', 'Switch to annual billing'],
      core: [
        'We switched to annual billing but got billed monthly again on {date}.',
        'If we move to annual billing now, do we get the remaining months credited?',
      ],
    },
  ],
  details: [
    'The transaction ID is {txn}.',
    "I've attached a [screenshot|copy] of the bank statement.",
    'This is the second month in a row this has happened.',
    'The amount in question is {amount}.',
    'I paid with {paymethod}.',
    'Our finance department needs this sorted before the end of the month.',
    'The invoice number is {invoice}.',
    'The charge was on {date}.',
    'Our VAT number is on file, please use it.',
    'We were quoted {amount2} per month by your sales team.',
    'I would prefer a refund rather than account credit.',
    'The card on file ends in {card}.',
    'Please send the corrected invoice as a PDF.',
    'Our subscription renews on the 1st of every month.',
  ],
  mentions: [
    "We're paying {amount} a month for the {plan} plan, so I expect this to work.",
    "If this can't be fixed soon we'd like a refund for this month.",
    'We only upgraded to {plan} last week.',
    'I need this working to download our invoices for finance.',
    'Also, the last invoice looked higher than usual.',
    'Is this covered by our {plan} subscription or is it a paid add-on?',
    'We are about to renew, so this matters for our decision.',
    'Separately, could you send me the receipt for {month}?',
    'By the way, how much would it cost to add {n} more seats?',
    'We are considering cancelling if this continues.',
  ],
};

const technical: ClassVocabulary = {
  topics: [
    {
      subjects: ["[Can't|Cannot|Unable to] log in", 'Login loop on {browser}', 'Login page not loading'],
      core: [
        'When I try to log in I get {error} and the page just reloads.',
        'The {product} login page keeps spinning and never finishes loading.',
        "Clearing the cache and cookies didn't help, I still get {error}.",
      ],
    },
    {
      subjects: ['Password reset email never arrives', '2FA code not accepted', 'Account locked'],
      core: [
        "The password reset email never arrives, and I've checked the spam folder.",
        'My two-factor code is rejected every time even though the clock on my phone is correct.',
        "My account is locked after too many login attempts and the unlock link doesn't work.",
      ],
    },
    {
      subjects: ['Getting logged out constantly', 'Session keeps expiring'],
      core: ['I keep getting logged out every few minutes.', 'My session expires with {error} whenever I switch tabs.'],
    },
    {
      subjects: ['{product} keeps crashing on [my|our] {device}', "Mobile app won't open after update"],
      core: [
        '{product} crashes every time I open a project on my {device}.',
        'The mobile app closes right after the splash screen on my {device}.',
      ],
    },
    {
      subjects: ['App [very slow|really slow|sluggish] since the update', 'Desktop app stuck on loading screen', 'High CPU usage'],
      core: [
        'Since the last update the app takes [over a minute|forever|ages] to load.',
        'The desktop app hangs on the loading screen on {os}.',
        'The desktop app uses 100% CPU on my {os} machine.',
      ],
    },
    {
      subjects: ['Sync not working', 'Calendar sync duplicates events', 'Offline changes lost'],
      core: [
        'Sync between the desktop app and the web version stopped working on {date}.',
        'Calendar sync creates duplicate events [for everyone on the team|in Outlook|every morning].',
        "Offline mode doesn't save my changes.",
      ],
    },
    {
      subjects: ['CSV export fails', 'Import failed at row {n}', '{error} when saving'],
      core: [
        'Export to CSV fails with {error} after a few seconds.',
        'Importing our spreadsheet fails at row {n} with {error}.',
        'The {feature} page throws {error} when I click save.',
      ],
    },
    {
      subjects: ["Page won't load", 'Blank screen after login', 'Charts not rendering in {browser}', 'Timeout errors'],
      core: [
        'I get a blank white screen after logging in on {browser}.',
        "Charts don't render in {browser} {version}; they just show a grey box.",
        'Opening large projects times out with {error}.',
      ],
    },
    {
      subjects: ['{integration} integration stopped syncing', '{integration} connection broken'],
      core: ['The {integration} integration stopped syncing new records [yesterday|on {date}|this week].'],
    },
    {
      subjects: ['API returns {error}', 'Webhooks not firing', 'Rate limit errors from the API'],
      core: [
        'Our API calls have been returning {error} since this morning.',
        'Webhooks are no longer being delivered to our endpoint.',
        'We hit rate limit errors although we are well below the documented limit.',
        'The example from the API documentation returns {error} for us.',
      ],
    },
    {
      subjects: ['SSO setup fails', 'Proxy / certificate error'],
      core: [
        'SSO login with our identity provider fails with {error}.',
        'We get a certificate error when connecting through our company proxy.',
      ],
    },
    {
      subjects: ['Data missing from dashboard', 'Report shows wrong numbers', 'Audit log incomplete'],
      core: [
        'Data for the last {days} days is missing from the dashboard.',
        'Reports show different numbers than the raw data export.',
        'Audit log entries from yesterday are missing.',
      ],
    },
    {
      subjects: ['Notifications not arriving', "Can't invite team members"],
      core: ["Push notifications don't arrive on my {device}.", 'Invitations to new team members never arrive.'],
    },
    {
      subjects: ['Upload stuck at 99%', 'Attachments not uploading', 'Images missing in documents'],
      core: ['File uploads get stuck at 99% and then fail.', 'Images are not displayed in shared documents.'],
    },
    {
      subjects: ['Search returns no results', 'Search broken'],
      core: ['Search returns nothing, even for items I know exist.'],
    },
    {
      subjects: ['Editor freezes', 'Keyboard shortcuts broken', 'Bug: {feature} broken', 'Dark mode display bug'],
      core: [
        'The editor freezes when I paste more than a few lines.',
        'Keyboard shortcuts stopped working after the update.',
        "The {feature} setting doesn't stay enabled after I refresh the page.",
        'In dark mode some text is unreadable on {browser}.',
      ],
    },
    {
      subjects: ['Permissions bug', 'Viewers can edit documents'],
      core: ['Permissions are wrong: people with viewer access can edit documents.'],
    },
    {
      subjects: ['Error: {error}', 'Something is broken', 'Is {product} down?'],
      core: [
        'Since this morning everything in {product} fails with {error}.',
        'Nothing loads for anyone on our team, we just get {error}.',
      ],
    },
  ],
  details: [
    "I'm using {browser} {version} on {os}.",
    'It happens on my {device} as well.',
    'I already tried clearing the cache and reinstalling.',
    'It started after the update on {date}.',
    'The request ID in the console is {reqid}.',
    'It affects about {n} people on our team.',
    'Steps to reproduce: open {product}, go to {feature}, click save.',
    'The exact error message is {error}.',
    'It works in incognito mode, oddly.',
    'A colleague on {os} sees the same thing.',
    "I've attached a screenshot of the console.",
    'Restarting the app does not help.',
    'It was working fine until {date}.',
    'We are on the latest version, {version}.',
  ],
  mentions: [
    "I also can't log in on {browser} right now, not sure if it's related.",
    'The invoice page shows {error} when I try to open it.',
    'I would download the invoice myself but the billing page never finishes loading.',
    'I tried to update the card in the app but the form throws {error}.',
    'The app logged me out twice while I was writing this.',
    "Also the password reset link doesn't work, so I'm writing from my personal email.",
    'I get {error} when I open the subscription settings.',
    'The checkout page was very slow and timed out once.',
    'The mobile app crashes on the billing screen, so I could not check there.',
    'The export of our usage report failed with {error}.',
  ],
};

const general: ClassVocabulary = {
  topics: [
    {
      subjects: ['Does {plan} include {feature}?', 'Difference between {plan} and {plan2}', 'Question about {feature}'],
      core: ['Does the {plan} plan include {feature}?', 'What exactly is the difference between {plan} and {plan2}?'],
    },
    {
      subjects: ['Pricing for nonprofits', 'Is there a student discount?', 'Pricing for {seats} users', 'Volume licensing for schools'],
      core: [
        'Do you offer discounts for nonprofits or [schools|universities|charities]?',
        'Roughly how much would {product} cost for {seats} users?',
      ],
    },
    {
      subjects: ['How do I add a team member?', 'Transfer account ownership', 'How do I change my email address?'],
      core: [
        'How do I add a new team member to our workspace?',
        'Can I transfer ownership of our workspace to a colleague?',
        'How do I change the email address on my account?',
      ],
    },
    {
      subjects: ['Data retention policy', 'Where is my data stored?', 'Data processing agreement', 'How to delete my account'],
      core: [
        'How long do you keep our data after an account is closed?',
        'Where are your servers located? Our data needs to stay in {region}.',
        'Could you send us your data processing agreement to sign?',
        'How do I permanently delete my account and all of my data?',
        'How would we export all our data if we ever decided to leave?',
      ],
    },
    {
      subjects: ['Feature request: {feature}', 'Roadmap question', 'Suggestion'],
      core: ['Is {feature} on your roadmap[ for this year|]?', 'It would be great if {product} supported {feature}.'],
    },
    {
      subjects: ['On-premise version?', 'Self-hosting'],
      core: ['Do you have an on-premise or self-hosted version?'],
    },
    {
      subjects: ['Demo request', 'Evaluating {product}', 'Onboarding / training session'],
      core: [
        "We'd like to schedule a demo for our team of {seats}.",
        "We're comparing {product} with other tools. Could someone answer a few questions?",
        'Is there an onboarding session or training for new admins?',
      ],
    },
    {
      subjects: ['Is {product} available in {language}?', 'Language support'],
      core: ['Is {product} available in {language}?'],
    },
    {
      subjects: ['Security questionnaire', 'SOC 2 report request', 'Accessibility documentation'],
      core: [
        'Could you fill in our vendor security questionnaire?',
        'Can we get a copy of your SOC 2 report?',
        'Do you have accessibility documentation, such as a VPAT?',
      ],
    },
    {
      subjects: ['Support hours?', 'Uptime SLA?', 'Status page'],
      core: [
        'What are your support hours[ in {region}|]?',
        'What uptime do you guarantee on the {plan} plan?',
        'Do you have a public status page?',
      ],
    },
    {
      subjects: ['Referral program', 'Partnership inquiry'],
      core: ['Do you have a referral or partner program?', 'Who should I talk to about a partnership with {company}?'],
    },
    {
      subjects: ['Webinar recording', 'Product newsletter'],
      core: [
        "Is there a recording of last week's webinar on {feature}?",
        'Is there a way to get a newsletter about new features?',
      ],
    },
    {
      subjects: ['{integration} integration?', 'API documentation'],
      core: ['Does {product} integrate with {integration}?', 'Where can I find the API documentation?'],
    },
    {
      subjects: ['Using {product} in the classroom', 'Commercial use on Free plan'],
      core: [
        "I'm a teacher and would like to use {product} with my class.",
        'Can I use {product} commercially on the Free plan?',
      ],
    },
    {
      subjects: ['Templates?', 'Storage limits', 'Guest access'],
      core: [
        'Do you have templates for project planning?',
        'Are there limits on storage or on the number of projects?',
        'Can guests view documents without creating an account?',
      ],
    },
    {
      subjects: ['Feedback on the new design', 'Mobile app?'],
      core: [
        "I'd like to share some feedback about the new design.",
        'Is there a mobile app for [Android|iOS|the iPad]?',
      ],
    },
  ],
  details: [
    "We're a team of about {seats} people.",
    'No rush, just curious.',
    "We're making a decision before the end of the quarter.",
    'I checked the docs but could not find an answer.',
    'Our legal team asked me to find out.',
    'We are based in {country}.',
    'A link to the right page would be enough.',
    'We are currently on the {plan} plan.',
    'Our IT department needs this for the vendor review.',
    'Happy to jump on a call if that is easier.',
    'We heard about you from a colleague at {company}.',
    'It would help us a lot with onboarding.',
    'We mostly use it for [client projects|internal planning|teaching].',
  ],
  mentions: [
    'Also, is {feature} included in our plan?',
    'By the way, is {feature} on your roadmap?',
    'Separately, how does pricing work if we add more seats?',
    'Unrelated, but do you have a student or nonprofit discount?',
    'On another note, where is our data stored?',
    'Also, do you have any training material for new users?',
    'While I have you: can guests view documents without an account?',
    'Also, is there a way to change the account owner?',
    'Out of curiosity, does {product} integrate with {integration}?',
    'Also, could you send me a link to your data processing agreement?',
  ],
};

export const CLASS_VOCABULARY: Record<VocabClass, ClassVocabulary> = { billing, technical, general };
