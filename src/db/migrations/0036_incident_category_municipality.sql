-- A report's category is one of its own municipality's categories, as the services have always
-- chosen it (each municipality has its own tree; a category stands for its code in every one).
--
-- The database now holds to it, so that a filter by category may name only the categories of the
-- municipalities asked about: a code resolves to one id per municipality, fifty in a national
-- deployment, and PostgreSQL seeks an index by a list of two or four ids but filters every row of a
-- list of a hundred (src/db/repositories/incidents.ts, keyWhere).

ALTER TABLE categories ADD CONSTRAINT categories_municipality_id_id_key UNIQUE (municipality_id, id);
ALTER TABLE incidents ADD CONSTRAINT incidents_category_municipality_fkey
  FOREIGN KEY (municipality_id, category_id) REFERENCES categories (municipality_id, id);
