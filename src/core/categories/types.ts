/** A category of the municipality's tree (a subcategory has a parent). */

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
