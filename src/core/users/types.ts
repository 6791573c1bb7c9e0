/** Domain types (moved from the database layer; repositories map rows to them). */
import type { Role } from '../access/roles.ts';


export interface User {
  id: string;
  municipalityId: string;
  organisationId: string;
  organisationName: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  municipalities: string[];
  lastLoginAt: Date | null;
}
