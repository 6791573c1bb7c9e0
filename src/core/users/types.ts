/** A user: who they are, their organisation, roles and the municipalities they may see. */
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
