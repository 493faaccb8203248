/**
 * English for foreign residents: short English names, a one-line summary and the words people use,
 * for the procedures a ward handles (its life events and Project 06's 25 essential services). The
 * legal text stays Vietnamese; these names help a resident find the procedure and say what it is.
 * Searched in English mode (`catalog.search` with `lang: 'en'`), by word stems, the last word
 * as a prefix while typing.
 */

export interface EnglishEntry {
  name: string;
  summary?: string;
  /** Other words residents use for it ("wedding", "red book"). */
  keywords?: string[];
}

const BIRTH = ['birth certificate', 'newborn', 'baby', 'born'];
const MARRIAGE = ['marry', 'married', 'wedding', 'marriage certificate', 'spouse'];
const DEATH = ['death certificate', 'died', 'passed away', 'deceased'];
const ID = ['identity card', 'id card', 'citizen id', 'cccd', 'chip card'];
const FOREIGN = ['foreigner', 'foreign spouse', 'foreign national'];

/** By procedure code. The first entries of a kind come first when a query fits several equally. */
export const ENGLISH: Record<string, EnglishEntry> = {
  // Civil status (Hộ tịch) — the ward's people's committee.
  '1.001193': { name: 'Birth registration', summary: 'Register a child’s birth and receive the birth certificate (giấy khai sinh).', keywords: BIRTH },
  '1.000894': { name: 'Marriage registration', summary: 'Register a marriage between two Vietnamese citizens and receive the marriage certificate.', keywords: MARRIAGE },
  '2.000806': { name: 'Marriage registration with a foreign spouse', summary: 'Register a marriage where one spouse is a foreigner or lives abroad.', keywords: [...MARRIAGE, ...FOREIGN] },
  '1.000656': { name: 'Death registration', summary: 'Register a death and receive the death certificate (trích lục khai tử).', keywords: DEATH },
  '1.001766': { name: 'Death registration involving a foreigner', keywords: [...DEATH, ...FOREIGN] },
  '2.000528': { name: 'Birth registration involving a foreign parent', summary: 'Register the birth of a child with a foreign parent or born abroad.', keywords: [...BIRTH, ...FOREIGN] },
  '1.004873': { name: 'Certificate of marital status', summary: 'A certificate that you are single (or of your marital status), often needed to marry.', keywords: ['single status', 'single certificate', 'unmarried', 'not married', 'marital status'] },
  '2.000635': { name: 'Copy of a birth certificate or civil status extract', summary: 'Get another copy of a birth, marriage or death record kept at the ward.', keywords: ['birth certificate copy', 'copy', 'extract', 'civil status'] },
  '1.004884': { name: 'Re-registration of a birth', keywords: [...BIRTH, 'lost birth certificate'] },
  '1.004746': { name: 'Re-registration of a marriage', keywords: MARRIAGE },
  '1.005461': { name: 'Re-registration of a death', keywords: DEATH },
  '1.004772': { name: 'Birth registration for a person who already has papers', keywords: BIRTH },
  '1.004859': { name: 'Change or correction of civil status details', summary: 'Change a name, correct a date or other details in the civil status records, or re-determine ethnicity.', keywords: ['name change', 'change name', 'correct', 'correction', 'ethnicity'] },
  '1.001022': { name: 'Recognition of a parent or child', summary: 'Register that a person is the father, mother or child of another.', keywords: ['paternity', 'father', 'mother', 'parent'] },
  '1.000689': { name: 'Birth registration with recognition of a parent', keywords: [...BIRTH, 'paternity', 'father'] },
  '2.000779': { name: 'Recognition of a parent or child involving a foreigner', keywords: ['paternity', 'father', 'mother', ...FOREIGN] },
  '1.004837': { name: 'Guardianship registration', keywords: ['guardian', 'guardianship'] },
  '1.004845': { name: 'End of guardianship', keywords: ['guardian', 'guardianship'] },
  '2.002516': { name: 'Confirmation of civil status information', keywords: ['civil status', 'confirmation'] },
  '2.002189': { name: 'Recording a marriage registered abroad', keywords: [...MARRIAGE, 'abroad'] },
  '2.000547': { name: 'Recording a civil status event registered abroad', keywords: ['abroad', 'civil status', 'divorce abroad'] },
  '2.000986': { name: 'Birth, permanent residence and health insurance for a child under 6', summary: 'One application for the birth certificate, permanent residence and a health insurance card.', keywords: [...BIRTH, 'health insurance', 'child'] },
  '2.001023': { name: 'Birth registration and health insurance card for a child under 6', keywords: [...BIRTH, 'health insurance', 'child'] },
  '2.001263': { name: 'Domestic adoption registration', summary: 'Register the adoption of a child in Vietnam.', keywords: ['adopt', 'adoption', 'adopted child'] },
  '2.001255': { name: 'Re-registration of a domestic adoption', keywords: ['adopt', 'adoption'] },
  // Certification (Chứng thực).
  '2.000815': { name: 'Certified copy of an original document', summary: 'Have a copy certified as true to the original paper.', keywords: ['notarize', 'notarise', 'notary', 'certified copy', 'true copy', 'photocopy'] },
  '2.000884': { name: 'Certification of a signature', keywords: ['notarize', 'notary', 'signature', 'fingerprint'] },
  '2.000908': { name: 'Copy from the original register', keywords: ['copy', 'register'] },
  '2.001019': { name: 'Certification of a will', keywords: ['will', 'testament', 'inheritance'] },
  '2.001016': { name: 'Certification of a refusal of an inheritance', keywords: ['inheritance', 'estate'] },
  '2.001406': { name: 'Certification of an agreement dividing an inheritance', keywords: ['inheritance', 'estate', 'heir'] },
  '2.001035': { name: 'Certification of a contract on property, land or housing', keywords: ['contract', 'notarize', 'house sale', 'land sale'] },
  '2.000913': { name: 'Certification of a change to a certified contract', keywords: ['contract', 'amend'] },
  '2.000992': { name: 'Certification of a translator’s signature', keywords: ['translation', 'translator', 'notarize'] },
  // Residence (Cư trú) — the ward's police.
  '1.004194': { name: 'Temporary residence registration', summary: 'Register where you stay when it is not your permanent address (renting, studying, working).', keywords: ['temporary address', 'renting', 'rent', 'rent a room', 'room', 'tenant', 'stay', 'tam tru'] },
  '1.004222': { name: 'Permanent residence registration', summary: 'Register your permanent address (hộ khẩu): moving in, or moving to another address.', keywords: ['household registration', 'household book', 'ho khau', 'hokhau', 'move house', 'moving', 'address'] },
  '1.002755': { name: 'Extension of temporary residence', keywords: ['temporary address', 'extend', 'extension'] },
  '1.003677': { name: 'Temporary absence declaration', summary: 'Declare that you will be away from your residence for a time.', keywords: ['absence', 'away', 'leaving'] },
  '2.001159': { name: 'Notice of stay (guests staying overnight)', summary: 'Tell the police that someone is staying overnight at your home or lodging.', keywords: ['guest', 'overnight', 'stay', 'lodging', 'homestay', 'visitor'] },
  '1.003197': { name: 'Removal of permanent residence registration', keywords: ['household registration', 'move out', 'deregister'] },
  '1.010028': { name: 'Removal of temporary residence registration', keywords: ['temporary address', 'move out', 'deregister'] },
  '1.010038': { name: 'Separating a household', keywords: ['household', 'split household'] },
  '1.010039': { name: 'Updating residence information', keywords: ['address change', 'update address'] },
  '1.010041': { name: 'Confirmation of residence', summary: 'A paper confirming where you live.', keywords: ['proof of address', 'residence certificate', 'address confirmation'] },
  '1.000253': { name: 'Temporary residence declaration for foreigners', summary: 'Hotels and hosts declare where a foreigner stays; foreign residents should check that it was done.', keywords: [...FOREIGN, 'hotel', 'host', 'stay'] },
  '1.001146': { name: 'Extension of stay for foreigners (visa extension)', keywords: [...FOREIGN, 'visa', 'visa extension', 'extend'] },
  '1.001194': { name: 'Visa for foreigners in Vietnam', keywords: [...FOREIGN, 'visa'] },
  // Identity (Căn cước).
  '1.014061': { name: 'Identity card (age 14 and over)', summary: 'Apply for the chip identity card (thẻ căn cước) for the first time.', keywords: ID },
  '1.014062': { name: 'Identity card for a child under 14', keywords: [...ID, 'child'] },
  '1.014063': { name: 'Identity card renewal', summary: 'Exchange your identity card when it expires, is damaged or your details changed.', keywords: [...ID, 'renew', 'exchange', 'expired'] },
  '1.014064': { name: 'Identity card replacement (lost)', keywords: [...ID, 'lost', 'replace', 'replacement', 'stolen'] },
  '1.012566': { name: 'Confirmation of an old ID number', keywords: [...ID, 'old id', 'id number'] },
  '3.000228': { name: 'Electronic identity account (VNeID level 2)', keywords: ['vneid', 'electronic id', 'e-id', 'digital id', 'app'] },
  // Travel and driving.
  '1.001456': { name: 'Ordinary passport', summary: 'Apply for a Vietnamese passport (at the provincial police, or online).', keywords: ['passport', 'travel document'] },
  '1.001471': { name: 'Ordinary passport (central immigration office)', keywords: ['passport'] },
  '1.010386': { name: 'Report a lost passport', keywords: ['passport', 'lost', 'stolen'] },
  '3.000347': { name: 'Driving licence exchange', summary: 'Exchange or renew a Vietnamese driving licence, or convert a foreign one.', keywords: ['driving license', 'driver license', 'driver licence', 'drivers license', 'licence', 'license', 'foreign license'] },
  '3.000353': { name: 'International driving permit', keywords: ['driving license', 'driving permit', 'international'] },
  '1.012575': { name: 'First registration of a vehicle (made in Vietnam), online', keywords: ['vehicle', 'motorbike', 'motorcycle', 'car', 'number plate', 'license plate'] },
  '1.013066': { name: 'First registration of an imported vehicle, online', keywords: ['vehicle', 'motorbike', 'car', 'number plate', 'license plate', 'imported'] },
  '1.013076': { name: 'Vehicle registration after a change of owner', keywords: ['vehicle', 'motorbike', 'car', 'transfer', 'buy', 'sell', 'second hand'] },
  '3.000333': { name: 'Criminal record certificate', summary: 'A certificate of your criminal record (lý lịch tư pháp), for Vietnamese citizens and foreigners living in Vietnam.', keywords: ['police check', 'background check', 'police certificate', 'criminal record', 'judicial record'] },
  // Land, housing and building.
  '1.013978': { name: 'Land use right certificate (first registration)', summary: 'Register land and the house on it and receive the land certificate (sổ đỏ / sổ hồng).', keywords: ['land certificate', 'land title', 'red book', 'pink book', 'land registration', 'property', 'house'] },
  '1.013833': { name: 'Land record update after a change of name or details', keywords: ['land certificate', 'land title', 'red book', 'update'] },
  '1.013992': { name: 'Change of land use purpose (no permission needed)', keywords: ['land', 'land use'] },
  '1.012796': { name: 'Correction of a land certificate', keywords: ['land certificate', 'red book', 'correct', 'correction'] },
  '1.012812': { name: 'Land dispute mediation', keywords: ['land', 'dispute', 'neighbour', 'neighbor', 'boundary'] },
  '1.013967': { name: 'Land dispute resolution by the ward chairman', keywords: ['land', 'dispute'] },
  '1.013225': { name: 'Building permit (new construction)', summary: 'A permit to build a house or small building.', keywords: ['construction permit', 'build', 'building', 'house', 'construction'] },
  '1.013229': { name: 'Building permit for repair or renovation', keywords: ['construction permit', 'repair', 'renovate', 'renovation', 'house'] },
  // Business and tax.
  '1.001612': { name: 'Household business registration', summary: 'Register a small family business (shop, café, stall).', keywords: ['business', 'shop', 'store', 'cafe', 'restaurant', 'open a shop', 'self-employed'] },
  '1.008498': { name: 'Tax registration for households and individuals', keywords: ['tax', 'tax code', 'tax number'] },
  '2.001403': { name: 'Registration of a new seal', keywords: ['seal', 'stamp', 'company seal'] },
  // Insurance and social support.
  '2.000639': { name: 'Health insurance card', keywords: ['health insurance', 'insurance card', 'medical insurance'] },
  '1.011606': { name: 'Recognition of a poor or near-poor household', keywords: ['poor household', 'poverty', 'low income', 'social support'] },
  // More of what the ward's life events list, so browsing in English reads in English.
  '1.003583': { name: 'Mobile birth registration (officers come to you)', keywords: BIRTH },
  '1.000893': { name: 'Birth registration involving a foreigner, for a person who has papers', keywords: [...BIRTH, ...FOREIGN] },
  '2.000522': { name: 'Re-registration of a birth involving a foreigner', keywords: [...BIRTH, ...FOREIGN] },
  '1.001695': { name: 'Birth registration with recognition of a parent, involving a foreigner', keywords: [...BIRTH, ...FOREIGN, 'paternity'] },
  '1.000593': { name: 'Mobile marriage registration (officers come to you)', keywords: MARRIAGE },
  '2.000513': { name: 'Re-registration of a marriage involving a foreigner', keywords: [...MARRIAGE, ...FOREIGN] },
  '2.000554': { name: 'Recording a divorce or annulment granted abroad', keywords: ['divorce', 'annulment', 'abroad'] },
  '1.000419': { name: 'Mobile death registration (officers come to you)', keywords: DEATH },
  '2.000497': { name: 'Re-registration of a death involving a foreigner', keywords: [...DEATH, ...FOREIGN] },
  '2.000821': { name: 'Survivor benefits (social insurance)', keywords: [...DEATH, 'survivor', 'pension', 'funeral'] },
  '2.000200': { name: 'Identity card (age 14 and over), at the provincial police', keywords: ID },
  '2.001194': { name: 'Identity card replacement (lost), at the provincial police', keywords: [...ID, 'lost', 'replace'] },
  '2.001195': { name: 'Identity card renewal, at the provincial police', keywords: [...ID, 'renew', 'exchange'] },
  '1.014067': { name: 'Renewal of an identity certificate (people of Vietnamese origin without nationality)', keywords: ['identity certificate', 'stateless'] },
  '1.014068': { name: 'Replacement of an identity certificate (people of Vietnamese origin without nationality)', keywords: ['identity certificate', 'stateless'] },
  '1.014060': { name: 'Updating the information on an identity card', keywords: [...ID, 'update'] },
  '1.012564': { name: 'Correcting your details in the national population database', keywords: ['population database', 'correct', 'personal details'] },
  '1.010101': { name: 'Getting your information from the national population database', keywords: ['population database', 'personal details'] },
  '1.010040': { name: 'Residence declaration for people who cannot register a permanent or temporary address', keywords: ['residence', 'address', 'homeless'] },
  '1.013314': { name: 'Confirmation of floor area for permanent residence in rented or borrowed housing', keywords: ['household registration', 'rented house', 'floor area'] },
  '2.000748': { name: 'Change or correction of civil status details involving a foreigner', keywords: ['name change', 'correction', ...FOREIGN] },
  '2.000575': { name: 'Reissue of a household business registration certificate', keywords: ['business', 'shop', 'lost'] },
  '2.000720': { name: 'Changing the details of a household business registration', keywords: ['business', 'shop', 'change'] },
  '1.001570': { name: 'Suspending or resuming a household business', keywords: ['business', 'shop', 'pause', 'suspend'] },
  '1.001266': { name: 'Closing a household business', keywords: ['business', 'shop', 'close'] },
  '1.011022': { name: 'Tax declaration for household businesses', keywords: ['tax', 'business', 'shop'] },
  '1.009824': { name: 'Notice of a business location of a household business', keywords: ['business', 'shop', 'location'] },
  '1.005280': { name: 'Cooperative registration', keywords: ['cooperative', 'co-op'] },
  '1.013226': { name: 'Amending a building permit', keywords: ['construction permit', 'building'] },
  '1.013227': { name: 'Extension of a building permit', keywords: ['construction permit', 'building', 'extend'] },
  '1.013228': { name: 'Reissue of a building permit', keywords: ['construction permit', 'building', 'lost'] },
  '1.014632': { name: 'Registering to buy or rent social housing', keywords: ['social housing', 'housing', 'rent', 'apartment', 'low income'] },
  '1.014159': { name: 'Urban and rural planning information', keywords: ['planning', 'zoning', 'land'] },
  '1.013949': { name: 'Land allocation, lease or change of land use (without auction)', keywords: ['land', 'lease', 'land use'] },
  '1.011441': { name: 'Registering land or a house as security (mortgage)', keywords: ['mortgage', 'loan', 'land', 'bank'] },
  '1.013979': { name: 'Donating land to the State or the community (road widening)', keywords: ['land', 'donate', 'road'] },
  '1.012817': { name: 'Re-determining the residential land area of a household', keywords: ['land', 'land area'] },
  '1.013080': { name: 'Reissue of a vehicle registration certificate and plate, online', keywords: ['vehicle', 'motorbike', 'car', 'lost', 'number plate'] },
  '1.013082': { name: 'Reissue of a vehicle registration certificate and plate, in person', keywords: ['vehicle', 'motorbike', 'car', 'lost', 'number plate'] },
  '1.013083': { name: 'Temporary vehicle registration, online', keywords: ['vehicle', 'motorbike', 'car', 'temporary'] },
  '1.013067': { name: 'First registration and number plate of a vehicle, in person', keywords: ['vehicle', 'motorbike', 'motorcycle', 'car', 'number plate', 'license plate'] },
  '1.013079': { name: 'Exchange of a vehicle registration certificate and plate', keywords: ['vehicle', 'motorbike', 'car', 'exchange'] },
  '1.013065': { name: 'Withdrawal of a vehicle registration (scrapped or exported vehicle)', keywords: ['vehicle', 'motorbike', 'car', 'scrap'] },
  '1.002759': { name: 'Reissue or correction of a social insurance book or health insurance card', keywords: ['health insurance', 'social insurance', 'insurance card', 'lost'] },
  '1.001939': { name: 'Health insurance for people insured for health only', keywords: ['health insurance', 'insurance card', 'medical insurance'] },
  '1.002179': { name: 'Voluntary social insurance registration', keywords: ['social insurance', 'pension', 'voluntary'] },
  '1.001613': { name: 'One-time social insurance payout', keywords: ['social insurance', 'lump sum', 'payout'] },
  '2.000693': { name: 'Maternity benefits', keywords: ['maternity', 'pregnancy', 'baby', 'social insurance'] },
  '1.001656': { name: 'Health insurance refund of medical costs', keywords: ['health insurance', 'refund', 'hospital', 'medical'] },
  '1.001601': { name: 'Authorising someone to collect your benefits', keywords: ['authorize', 'authorise', 'pension', 'benefits'] },
  '1.004335': { name: 'Complaint about a police decision or action', keywords: ['complaint', 'police', 'complain'] },
  '1.004327': { name: 'Denunciation of wrongdoing by police officers', keywords: ['denunciation', 'report', 'police'] },
  '2.000942': { name: 'Certified copy of a certified contract', keywords: ['copy', 'contract', 'notarize'] },
  '2.001008': { name: 'Certification of a translator’s signature (independent translator)', keywords: ['translation', 'translator', 'notarize'] },
  '2.000927': { name: 'Correcting an error in a certified contract', keywords: ['contract', 'correct', 'error'] },
  '1.011607': { name: 'Recognition of a poor or near-poor household during the year', keywords: ['poor household', 'poverty', 'low income', 'social support'] },
  '1.011608': { name: 'Recognition of a household leaving poverty', keywords: ['poor household', 'poverty'] },
  '3.000412': { name: 'Recognition as a low-income worker', keywords: ['low income', 'worker', 'social support'] },
};

/** Words that say nothing about which procedure: left out of the English match. */
export const ENGLISH_FILLER = new Set(
  'a an the i im my me we our to for of in on at with from by and or how do does can could would want need needs get getting got apply applying application please help where what when is are be new make making some about this that it procedure procedures service services form paper papers document documents vietnam viet nam here there'.split(' '),
);

/** A light stem: plural and long endings cut, so "registering" meets "registration". */
export function englishStem(word: string): string {
  let w = word.toLowerCase();
  const cut = w.replace(/(?:ing|ed|es|s)$/, '');
  if (cut.length >= 3 && !w.endsWith('ss')) w = cut;
  return w.replace(/y$/, 'i').slice(0, 6);
}

export const englishWords = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** Names that change, copy or end something the resident did not ask for count a little less. */
const SECONDARY = /^(correction|re-registration|removal|extension|copy|replacement|renewal|end|updating|recording|confirmation|certification of a change)\b/i;

type Indexed = { code: string; e: EnglishEntry; nameWords: string[]; nameStems: Set<string>; keyStems: Set<string>; allWords: string[] };
let index: Indexed[] | null = null;

/** Each entry's words and stems, computed once. */
function indexed(): Indexed[] {
  index ??= Object.entries(ENGLISH).map(([code, e]) => {
    const nameWords = englishWords(e.name).filter((w) => !ENGLISH_FILLER.has(w));
    const keywordWords = (e.keywords ?? []).flatMap(englishWords);
    return { code, e, nameWords, nameStems: new Set(nameWords.map(englishStem)), keyStems: new Set(keywordWords.map(englishStem)), allWords: [...nameWords, ...keywordWords] };
  });
  return index;
}

/**
 * English-mode search over the English names and keywords: every word that means something must
 * match (by stem; the last word as a prefix while typing), the name counting more than a keyword.
 * Returns codes best first; when no entry has every word, the entries with most of them and
 * `complete: false`.
 */
export function searchEnglish(query: string): { codes: string[]; complete: boolean } {
  const typed = englishWords(query);
  const meaningful = typed.filter((w) => !ENGLISH_FILLER.has(w));
  const qWords = meaningful.length ? meaningful : typed;
  if (!qWords.length) return { codes: [], complete: true };
  const typing = /[a-z0-9]$/i.test(query);
  const lastIndex = qWords.length - 1;
  const scored: { code: string; score: number; coverage: number; order: number }[] = [];
  indexed().forEach(({ code, e, nameWords, nameStems, keyStems, allWords }, order) => {
    let inName = 0;
    let matched = 0;
    qWords.forEach((w, i) => {
      const stem = englishStem(w);
      const prefix = typing && i === lastIndex && w.length >= 2 ? (x: string) => x.startsWith(w) : () => false;
      if (nameStems.has(stem) || nameWords.some(prefix)) {
        inName++;
        matched++;
      } else if (keyStems.has(stem) || allWords.some(prefix)) matched++;
    });
    if (matched === 0) return;
    const coverage = matched / qWords.length;
    const phrase = (e.keywords ?? []).some((k) => k === qWords.join(' ')) || e.name.toLowerCase() === qWords.join(' ') ? 1 : 0;
    const secondary = SECONDARY.test(e.name) && !qWords.some((w) => e.name.toLowerCase().startsWith(w)) ? 0.9 : 1;
    const score = (10 * coverage + 3 * (inName / qWords.length) + 2 * (inName / Math.max(1, nameWords.length)) + 4 * phrase + (e.summary ? 0.5 : 0)) * secondary;
    scored.push({ code, score, coverage, order });
  });
  const complete = scored.some((s) => s.coverage === 1);
  const best = Math.max(0, ...scored.map((s) => s.coverage));
  return {
    codes: scored
      .filter((s) => (complete ? s.coverage === 1 : s.coverage === best && best >= 0.5))
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map((s) => s.code),
    complete,
  };
}
