export {
  findPersonalData,
  redactPersonalData,
  identityNumberKind,
  isPhoneNumber,
  PERSONAL_DATA_PLACEHOLDERS,
  type PersonalDataKind,
  type PersonalDataFinding,
} from './personal-data.ts';
export { PersonalDataScrubber, PERSONAL_DATA_KINDS, type Scrubbed } from './scrub.ts';
