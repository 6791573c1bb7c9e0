import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPersonalData, redactPersonalData, identityNumberKind, isPhoneNumber, PERSONAL_DATA_PLACEHOLDERS, type PersonalDataKind } from './personal-data.ts';

const kinds = (text: string) => findPersonalData(text).map((f) => [f.kind, f.match] as [PersonalDataKind, string]);

test('personnummer in every written form, with the right offsets', () => {
  for (const pn of ['811228-9874', '8112289874', '19811228-9874', '198112289874', '811228+9874', '811228 9874', '121212-1212', '20121212-1212']) {
    const text = `Anmälaren ${pn} ringde.`;
    const found = findPersonalData(text);
    assert.equal(found.length, 1, pn);
    assert.deepEqual(found[0], { kind: 'personnummer', start: 10, end: 10 + pn.length, match: pn });
  }
});

test('a wrong check digit, an impossible date or an unknown century is not a personnummer', () => {
  assert.deepEqual(kinds('811228-9875'), []);
  assert.deepEqual(kinds('811328-9874'), []); // month 13
  assert.deepEqual(kinds('811232-9871'), []); // day 32
  assert.equal(identityNumberKind('811228-9875'), null);
  assert.equal(identityNumberKind('21811228-9874'), null);
  assert.equal(identityNumberKind('811228-9874'), 'personnummer');
});

test('29 February: only in leap years when the century is written', () => {
  assert.equal(identityNumberKind('000229-1235'), 'personnummer'); // 2000 may be meant
  assert.equal(identityNumberKind('20000229-1235'), 'personnummer');
  assert.equal(identityNumberKind('19000229-1235'), null); // 1900 was no leap year
  assert.equal(identityNumberKind('010229-1234'), null); // 2001/1901
});

test('samordningsnummer: day of month plus 60', () => {
  assert.deepEqual(kinds('Samordningsnr 701063-2391 finns'), [['samordningsnummer', '701063-2391']]);
  assert.deepEqual(kinds('850375-1235'), [['samordningsnummer', '850375-1235']]);
  assert.equal(identityNumberKind('850315-1238'), 'personnummer');
  assert.equal(identityNumberKind('850395-1231'), null); // day 35 + 60 does not exist
});

test('Swedish phone numbers in the usual ways of writing them', () => {
  for (const phone of ['070-123 45 67', '070 123 45 67', '0701234567', '070-1234567', '+46 70 123 45 67', '+46701234567', '0046 70 123 45 67',
    '031-123456', '031-12 34 56', '08-123 456 78', '08 123 456 78', '0322-123 45', '+46 8 123 456 78', '+46 (0)31 123 456', '073-987 65 43']) {
    const text = `Ring ${phone}, tack`;
    assert.deepEqual(kinds(text), [['phone', phone]], phone);
    const [f] = findPersonalData(text);
    assert.equal(text.slice(f.start, f.end), phone);
  }
});

test('international numbers from other countries', () => {
  assert.deepEqual(kinds('norskt nummer +47 412 34 567'), [['phone', '+47 412 34 567']]);
});

test('phone numbers at the start and end of the text and after "tel:"', () => {
  assert.deepEqual(kinds('0701234567'), [['phone', '0701234567']]);
  assert.deepEqual(kinds('tel:031-123456'), [['phone', '031-123456']]);
  assert.deepEqual(kinds('Nr: 08-123 456 78.'), [['phone', '08-123 456 78']]);
});

test('no phone number in dates, times, years, amounts, counts and road numbers', () => {
  const harmless = [
    'Klotter 2026-11-24 kl 22:30 vid E20',
    'Hände 24/11 2026, kl 23 och igen 01-12-2026',
    'Datum 01.12.2026 och 2026-01-12 08:15',
    'Kostnad 1 250 000 kr, ungefär 45 000 kronor',
    'Skadegörelse på Storgatan 12B, port 3, lägenhet 1101',
    'Mellan 22:30 och 23:45, 3 personer, 12 st flaskor',
    'År 2025 var det 1200 anmälningar, 2026 hittills 980',
    'Väg 180 och E20 samt riksväg 42, busslinje 501',
    'Kl 07 30 till 08 45',
    'Tidsintervall 0700-0900',
    'Mellan kl 0800-0930 och 2200-2330',
    'Koordinat 6424512, 1346123',
    'Version 0.12.3, ärende 2026-1234',
    'Postnummer 441 30 Alingsås',
  ];
  for (const text of harmless) assert.deepEqual(findPersonalData(text), [], text);
});

test('isPhoneNumber rejects too short and too long national numbers', () => {
  assert.equal(isPhoneNumber('070-123 45 6'), false);
  assert.equal(isPhoneNumber('070-123 45 678'), false);
  assert.equal(isPhoneNumber('031-12345'), true);
  assert.equal(isPhoneNumber('0 70 123 45 67'), false);
});

test('e-mail addresses, including Swedish letters and sub-domains', () => {
  assert.deepEqual(kinds('Mejla anna.svensson@alingsas.se eller kalle+est@mail.polisen.se.'), [
    ['email', 'anna.svensson@alingsas.se'], ['email', 'kalle+est@mail.polisen.se']]);
  assert.deepEqual(kinds('Åsa Öberg: åsa.öberg@exempel.se'), [['email', 'åsa.öberg@exempel.se']]);
  assert.deepEqual(kinds('ett @-tecken och a@b är ingen adress'), []);
});

test('digits inside an e-mail address belong to the address', () => {
  assert.deepEqual(kinds('0701234567@sms.exempel.se'), [['email', '0701234567@sms.exempel.se']]);
});

test('licence plates: ABC 123, ABC123, ABC-123 and the new ABC12D', () => {
  for (const plate of ['ABC 123', 'ABC123', 'ABC-123', 'ABC12D', 'XYZ 99A', 'abc123', 'mlb12e']) {
    assert.deepEqual(kinds(`Bil med reg.nr ${plate} stod kvar`), [['licencePlate', plate]], plate);
  }
});

test('no licence plate in ordinary words, road numbers, house numbers or abbreviations', () => {
  const harmless = [
    'E20 och E45, väg 180',
    'och 123 personer, hus 12A, ett 100-tal',
    'Ring SOS 112 direkt',
    'Lägenhet 1101, Storgatan 12B, kl 23',
    'Skickade SMS 112 gånger',
    'ABCD 123 och AB 123 och ABC 1234',
    'AIQ 123', // I and Q are not used on plates
    'ÅÄÖ 123',
    'ABC 12O', // O is not used last
  ];
  for (const text of harmless) assert.deepEqual(findPersonalData(text), [], text);
});

test('several kinds in one text come back in text order without overlaps', () => {
  const text = 'Pojke 19811228-9874, mamma 070-123 45 67 (mamma@exempel.se), bil ABC 123.';
  assert.deepEqual(kinds(text), [
    ['personnummer', '19811228-9874'], ['phone', '070-123 45 67'], ['email', 'mamma@exempel.se'], ['licencePlate', 'ABC 123']]);
  const found = findPersonalData(text);
  for (let i = 1; i < found.length; i++) assert.ok(found[i].start >= found[i - 1].end);
});

test('redactPersonalData replaces each finding with its Swedish placeholder', () => {
  const text = 'Pojke 811228-9874 ringde från 0701234567, bil ABC12D.';
  const { text: cleaned, findings } = redactPersonalData(text);
  assert.equal(cleaned, 'Pojke [personnummer borttaget] ringde från [telefonnummer borttaget], bil [registreringsnummer borttaget].');
  assert.equal(findings.length, 3);
  assert.deepEqual(findPersonalData(cleaned), []);
  assert.equal(PERSONAL_DATA_PLACEHOLDERS.email, '[e-postadress borttagen]');
});

test('redactPersonalData with given findings replaces only those and leaves its input alone', () => {
  const text = 'a@b.se och 070-123 45 67';
  const all = findPersonalData(text);
  const frozen = JSON.stringify(all);
  const { text: cleaned, findings } = redactPersonalData(text, [all[1]]);
  assert.equal(cleaned, 'a@b.se och [telefonnummer borttaget]');
  assert.deepEqual(findings, [all[1]]);
  assert.equal(JSON.stringify(all), frozen);
});

test('a text without personal data comes back unchanged', () => {
  const text = 'Klotter på busskuren vid Stora torget, ca 2 m², 2026-11-24 kl 22:30.';
  assert.deepEqual(redactPersonalData(text), { text, findings: [] });
  assert.deepEqual(redactPersonalData(''), { text: '', findings: [] });
});
