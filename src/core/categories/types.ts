/** Domain types (moved from the database layer; repositories map rows to them). */

export interface Category {
  id: string;
  municipalityId: string;
  parentId: string | null;
  code: string;
  nameSv: string;
  nameEn: string;
  colour: string;
  icon: string;
  sortOrder: number;
  active: boolean;
}
