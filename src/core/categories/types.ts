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
  /** Takes tips from the public: listed as a service by the Open311 server (migration 0023). */
  openToPublic: boolean;
}
