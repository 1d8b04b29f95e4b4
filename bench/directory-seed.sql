-- Fills a demo database (SQLite) for bench/directory.sh: :services extra directory services spread
-- over every active organisation (a category, two languages, a service area each; some at one of the
-- organisation's locations) and :referrals referrals between organisations in every state, one in
-- five to the Albanian shelter NGO so that its inbox is a large one. Encrypted columns (reason,
-- message, shared data) stay empty: SQL cannot encrypt, and the pages measured do not need them.
-- The two counts are substituted by the script (@SERVICES@, @REFERRALS@).

CREATE TEMP TABLE orgs AS
  SELECT row_number() OVER (ORDER BY Id) - 1 AS k, Id, CountryCode FROM Organisations WHERE IsActive = 1;
CREATE TEMP TABLE terms AS
  SELECT row_number() OVER (ORDER BY Code) - 1 AS k, Id, Name FROM TaxonomyTerms;
CREATE TEMP TABLE cities(country, k, city);
INSERT INTO cities VALUES
  ('AL', 0, 'Tiranë'), ('AL', 1, 'Durrës'), ('AL', 2, 'Shkodër'), ('AL', 3, 'Vlorë'),
  ('XK', 0, 'Prishtinë'), ('XK', 1, 'Prizren'), ('XK', 2, 'Pejë'), ('XK', 3, 'Gjilan'),
  ('MK', 0, 'Скопје'), ('MK', 1, 'Битола'), ('MK', 2, 'Тетово'), ('MK', 3, 'Куманово'),
  ('ME', 0, 'Podgorica'), ('ME', 1, 'Nikšić'), ('ME', 2, 'Bar'), ('ME', 3, 'Bijelo Polje'),
  ('RS', 0, 'Beograd'), ('RS', 1, 'Novi Sad'), ('RS', 2, 'Niš'), ('RS', 3, 'Kragujevac'),
  ('BA', 0, 'Sarajevo'), ('BA', 1, 'Banja Luka'), ('BA', 2, 'Mostar'), ('BA', 3, 'Tuzla');
CREATE TEMP TABLE languages(k, code);
INSERT INTO languages VALUES (0, 'sq'), (1, 'mk'), (2, 'sr'), (3, 'en'), (4, 'tr'), (5, 'rom'), (6, 'bs'), (7, 'de');

CREATE TEMP TABLE bench_services AS
WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < @SERVICES@ - 1)
SELECT n,
  hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)) AS Id,
  o.Id AS OrganisationId, o.CountryCode AS CountryCode,
  (SELECT Id FROM terms WHERE k = n % (SELECT count(*) FROM terms)) AS TermId,
  (SELECT Name FROM terms WHERE k = n % (SELECT count(*) FROM terms)) AS TermName,
  (SELECT city FROM cities WHERE country = o.CountryCode AND k = n % 4) AS City
FROM seq JOIN orgs o ON o.k = seq.n % (SELECT count(*) FROM orgs);

INSERT INTO Services (Id, OrganisationId, Name, Description, Status, ApplicationProcess, MinimumAge, MaximumAge,
                      EligibleGenders, EligibleNationalities, AcceptsReferrals, CreatedAt, ModifiedAt)
SELECT Id, OrganisationId, TermName || ' – ' || coalesce(City, CountryCode) || ' ' || n,
  'Bench service ' || n || ': ' || TermName || ' for survivors of trafficking in ' || coalesce(City, CountryCode),
  CASE WHEN n % 40 = 0 THEN 'TemporarilyClosed' WHEN n % 97 = 0 THEN 'Inactive' ELSE 'Active' END,
  'Call the service or refer through Ura',
  CASE WHEN n % 5 = 0 THEN 18 WHEN n % 7 = 0 THEN 0 ELSE NULL END,
  CASE WHEN n % 7 = 0 THEN 17 ELSE NULL END,
  CASE WHEN n % 6 = 0 THEN 'Feminine' ELSE '' END, '', 1,
  datetime('now', '-' || (n % 400) || ' days'), datetime('now', '-' || (n % 300) || ' days')
FROM bench_services;

INSERT INTO ServiceTerms (Id, ServiceId, TaxonomyTermId)
SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)),
  Id, TermId FROM bench_services;

INSERT INTO ServiceLanguages (Id, ServiceId, Code)
SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)),
  s.Id, l.code
FROM bench_services s JOIN languages l ON l.k = s.n % 8 OR l.k = (s.n / 8) % 8;

INSERT INTO ServiceAreas (Id, ServiceId, CountryCode, Name)
SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)),
  Id, CountryCode, CASE WHEN n % 3 = 0 THEN NULL ELSE City END FROM bench_services;

-- Every other service is given at one of its organisation's locations, where it has any.
INSERT OR IGNORE INTO ServiceAtLocations (Id, ServiceId, LocationId)
SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)),
  s.Id, (SELECT l.Id FROM Locations l WHERE l.OrganisationId = s.OrganisationId ORDER BY l.Id LIMIT 1)
FROM bench_services s
WHERE s.n % 2 = 0 AND EXISTS (SELECT 1 FROM Locations l WHERE l.OrganisationId = s.OrganisationId);

CREATE TEMP TABLE senders AS
  SELECT row_number() OVER (ORDER BY c.Id) - 1 AS k, c.Id, c.OrganisationId,
    (SELECT u.Id FROM AspNetUsers u WHERE u.OrganisationId = c.OrganisationId ORDER BY u.Id LIMIT 1) AS UserId
  FROM Cases c;
CREATE TEMP TABLE inbox AS
  SELECT row_number() OVER (ORDER BY s.n) - 1 AS k, s.Id, s.OrganisationId FROM bench_services s
  WHERE s.OrganisationId = (SELECT OrganisationId FROM AspNetUsers WHERE Email = 'caseworker.al@demo.ura');
CREATE TEMP TABLE statuses(k, status);
INSERT INTO statuses VALUES (0, 'Draft'), (1, 'Sent'), (2, 'Acknowledged'), (3, 'Accepted'), (4, 'Declined'), (5, 'Completed'), (6, 'Withdrawn'), (7, 'Completed');

INSERT INTO Referrals (Id, OrganisationId, CaseId, CreatedById, CreatedAt, ServiceId, ReceivingOrganisationId, CategoryCode,
                       Urgency, Status, SharedFields, SentAt, AcknowledgedAt, DecidedAt, CompletedAt, WithdrawnAt,
                       AcknowledgeBy, DecideBy, Successful, ServicesGiven, Version)
SELECT r.Id, r.OrganisationId, r.CaseId, r.UserId, r.CreatedAt, r.ServiceId, r.ReceivingOrganisationId, NULL,
  CASE r.n % 10 WHEN 0 THEN 'Emergency' WHEN 1 THEN 'Urgent' WHEN 2 THEN 'Urgent' ELSE 'Routine' END,
  r.Status, 'Reference,FirstName,AgeBand,Gender,Languages',
  CASE WHEN r.Status = 'Draft' THEN NULL ELSE datetime(r.CreatedAt, '+1 hour') END,
  CASE WHEN r.Status IN ('Acknowledged', 'Accepted', 'Declined', 'Completed') THEN datetime(r.CreatedAt, '+5 hours') END,
  CASE WHEN r.Status IN ('Accepted', 'Declined', 'Completed') THEN datetime(r.CreatedAt, '+1 days') END,
  CASE WHEN r.Status = 'Completed' THEN datetime(r.CreatedAt, '+30 days') END,
  CASE WHEN r.Status = 'Withdrawn' THEN datetime(r.CreatedAt, '+2 days') END,
  CASE WHEN r.Status = 'Draft' THEN NULL ELSE datetime(r.CreatedAt, '+5 days') END,
  CASE WHEN r.Status IN ('Acknowledged', 'Accepted', 'Declined', 'Completed') THEN datetime(r.CreatedAt, '+10 days') END,
  CASE WHEN r.Status = 'Completed' THEN r.n % 3 <> 0 END,
  '', 0
FROM (
  WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < @REFERRALS@ - 1)
  SELECT seq.n,
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)) AS Id,
    c.OrganisationId, c.Id AS CaseId, c.UserId,
    datetime('now', '-' || (seq.n % 700) || ' days', '-' || (seq.n % 1440) || ' minutes') AS CreatedAt,
    coalesce(i.Id, s.Id) AS ServiceId, coalesce(i.OrganisationId, s.OrganisationId) AS ReceivingOrganisationId,
    (SELECT status FROM statuses WHERE k = (seq.n / 5) % 8) AS Status
  FROM seq
  JOIN senders c ON c.k = seq.n % (SELECT count(*) FROM senders)
  JOIN bench_services s ON s.n = (seq.n * 7919) % @SERVICES@
  LEFT JOIN inbox i ON seq.n % 5 = 0 AND i.k = seq.n % (SELECT count(*) FROM inbox)
) r;

ANALYZE;
