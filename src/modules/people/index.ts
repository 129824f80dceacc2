export { addressesOf } from './people.service.js';
export { residents } from './schema.js';
export { seededResidents, type SeededResident } from './people.seed.js';
export { addSignedUpResident, linkResidentByPhone } from './register.js';
