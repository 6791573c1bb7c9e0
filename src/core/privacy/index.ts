export {
  findPersonalData,
  redactPersonalData,
  identityNumberKind,
  isPhoneNumber,
  PERSONAL_DATA_PLACEHOLDERS,
  type PersonalDataKind,
  type PersonalDataFinding,
} from './personal-data.ts';
