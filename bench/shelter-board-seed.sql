-- Fills a demo database (SQLite) for bench/shelter-board.sh: @FACILITIES@ more shelter facilities
-- spread over the demo shelter NGOs of the six countries (four cities each, every housing type and
-- population mix, one in three wheelchair accessible, one in twenty inactive) with @BEDS_EACH@ beds
-- each, of every type, about a third free (the rest occupied, held or out of service, and one
-- facility in eight full). The counts are substituted by the script.

CREATE TEMP TABLE bench_homes AS
  SELECT row_number() OVER (ORDER BY f.Id) - 1 AS k, f.OrganisationId, f.ServiceId, f.LocationId, f.CountryCode, f.Currency
  FROM ShelterFacilities f WHERE f.Type = 'EmergencyShelter';
CREATE TEMP TABLE bench_cities(country, k, city, region);
INSERT INTO bench_cities VALUES
  ('AL', 0, 'Tiranë', 'Tiranë'), ('AL', 1, 'Durrës', 'Durrës'), ('AL', 2, 'Shkodër', 'Shkodër'), ('AL', 3, 'Vlorë', 'Vlorë'),
  ('XK', 0, 'Prishtinë', 'Prishtinë'), ('XK', 1, 'Prizren', 'Prizren'), ('XK', 2, 'Pejë', 'Pejë'), ('XK', 3, 'Gjilan', 'Gjilan'),
  ('MK', 0, 'Скопје', 'Скопски'), ('MK', 1, 'Битола', 'Пелагониски'), ('MK', 2, 'Тетово', 'Полошки'), ('MK', 3, 'Куманово', 'Североисточен'),
  ('ME', 0, 'Podgorica', 'Centralni'), ('ME', 1, 'Nikšić', 'Centralni'), ('ME', 2, 'Bar', 'Primorski'), ('ME', 3, 'Bijelo Polje', 'Sjeverni'),
  ('RS', 0, 'Beograd', 'Beograd'), ('RS', 1, 'Novi Sad', 'Vojvodina'), ('RS', 2, 'Niš', 'Nišavski'), ('RS', 3, 'Kragujevac', 'Šumadijski'),
  ('BA', 0, 'Sarajevo', 'FBiH'), ('BA', 1, 'Banja Luka', 'RS'), ('BA', 2, 'Mostar', 'FBiH'), ('BA', 3, 'Tuzla', 'FBiH');
CREATE TEMP TABLE bench_types(k, type);
INSERT INTO bench_types VALUES (0, 'EmergencyShelter'), (1, 'TransitionalHousing'), (2, 'SupportedIndependentLiving'), (3, 'ReceptionCentre');
CREATE TEMP TABLE bench_populations(k, populations);
INSERT INTO bench_populations VALUES
  (0, 'Women,Children,MothersWithChildren'), (1, 'Men'), (2, 'Children'), (3, 'Women,MothersWithChildren,Families'),
  (4, 'Families,PeopleWithDisabilities'), (5, 'Women,PeopleWithDisabilities'), (6, 'Men,Families');
CREATE TEMP TABLE bench_bedtypes(k, type);
INSERT INTO bench_bedtypes VALUES (0, 'Adult'), (1, 'Adult'), (2, 'Child'), (3, 'Adult'), (4, 'Cot'), (5, 'Adult'), (6, 'Child'), (7, 'Accessible');

CREATE TEMP TABLE bench_facilities AS
WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < @FACILITIES@ - 1)
SELECT n,
  hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)) AS Id,
  h.OrganisationId, h.ServiceId, h.LocationId, h.CountryCode, h.Currency,
  (SELECT city FROM bench_cities WHERE country = h.CountryCode AND k = (n / 6) % 4) AS City,
  (SELECT region FROM bench_cities WHERE country = h.CountryCode AND k = (n / 6) % 4) AS Region
FROM seq JOIN bench_homes h ON h.k = seq.n % (SELECT count(*) FROM bench_homes);

INSERT INTO ShelterFacilities (Id, OrganisationId, ServiceId, LocationId, Name, Type, Populations, WheelchairAccessible, Rules, Currency,
                               CountryCode, City, Region, IsActive, CreatedAt, ModifiedAt, CapacityUpdatedAt)
SELECT Id, OrganisationId, ServiceId, LocationId, 'Bench shelter ' || n || ' ' || City,
  (SELECT type FROM bench_types WHERE k = n % 4), (SELECT populations FROM bench_populations WHERE k = n % 7),
  n % 3 = 0, NULL, Currency, CountryCode, City, Region, n % 20 <> 19,
  strftime('%Y-%m-%d %H:%M:%f', 'now', '-30 days'), strftime('%Y-%m-%d %H:%M:%f', 'now', '-30 days'),
  strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (n % 600) || ' minutes')
FROM bench_facilities;

INSERT INTO ShelterBeds (Id, FacilityId, OrganisationId, Room, Label, Type, Status, HoldReferralId, HeldUntil, StatusChangedAt, Version)
WITH RECURSIVE beds(b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM beds WHERE b < @BEDS_EACH@ - 1)
SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)),
  f.Id, f.OrganisationId, CAST(b / 3 + 1 AS TEXT), char(65 + b % 3), (SELECT type FROM bench_bedtypes WHERE k = (b + f.n) % 8),
  CASE WHEN f.n % 8 = 7 THEN 'Occupied'
       WHEN (b * 7 + f.n) % 20 < 7 THEN 'Available'
       WHEN (b * 7 + f.n) % 20 = 7 THEN 'OutOfService'
       ELSE 'Occupied' END,
  NULL, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 days'), 0
FROM bench_facilities f CROSS JOIN beds;
