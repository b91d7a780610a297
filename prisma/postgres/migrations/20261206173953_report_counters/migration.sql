-- CreateTable
CREATE TABLE "ReportCheckInCount" (
    "programmeId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ReportCheckInCount_pkey" PRIMARY KEY ("programmeId","dueAt","status")
);

-- CreateTable
CREATE TABLE "ReportParticipantCount" (
    "programmeId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "generation" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ReportParticipantCount_pkey" PRIMARY KEY ("programmeId","role","status","department","generation")
);

-- CreateTable
CREATE TABLE "ReportFeedbackCount" (
    "programmeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ReportFeedbackCount_pkey" PRIMARY KEY ("programmeId","kind","month","metric","key")
);

-- CreateTable
CREATE TABLE "ReportFeedbackPerson" (
    "programmeId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "personKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ReportFeedbackPerson_pkey" PRIMARY KEY ("programmeId","scope","personKey")
);

-- CreateTable
CREATE TABLE "ReportFeedbackState" (
    "programmeId" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "built" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportFeedbackState_pkey" PRIMARY KEY ("programmeId")
);

-- CreateIndex
CREATE INDEX "ReportFeedbackPerson_personKey_idx" ON "ReportFeedbackPerson"("personKey");

-- CreateIndex
CREATE INDEX "Pairing_programmeId_status_atRiskFlaggedAt_idx" ON "Pairing"("programmeId", "status", "atRiskFlaggedAt");

-- AddForeignKey
ALTER TABLE "ReportCheckInCount" ADD CONSTRAINT "ReportCheckInCount_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportParticipantCount" ADD CONSTRAINT "ReportParticipantCount_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportFeedbackCount" ADD CONSTRAINT "ReportFeedbackCount_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportFeedbackPerson" ADD CONSTRAINT "ReportFeedbackPerson_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportFeedbackState" ADD CONSTRAINT "ReportFeedbackState_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- /rm-report's counters, kept current by triggers in the transaction of every write (any code path, any
-- replica, cascades included). A pairing's check-ins are deleted by the pairing's own BEFORE DELETE trigger,
-- while the pairing (and so the programme of each check-in) can still be read.
-- The function bodies are E'' strings with every semicolon written \073: the migration runner splits scripts
-- at semicolons (the pg driver adapter's executeScript).
CREATE FUNCTION "report_checkin_count"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
    UPDATE "ReportCheckInCount" r SET "count" = r."count" - 1
      FROM "Pairing" p
      WHERE p."id" = OLD."pairingId" AND r."programmeId" = p."programmeId" AND r."dueAt" = OLD."dueAt" AND r."status" = OLD."status"\073
  END IF\073
  IF TG_OP IN (''INSERT'', ''UPDATE'') THEN
    INSERT INTO "ReportCheckInCount" ("programmeId", "dueAt", "status", "count")
      SELECT p."programmeId", NEW."dueAt", NEW."status", 1 FROM "Pairing" p WHERE p."id" = NEW."pairingId"
      ON CONFLICT ("programmeId", "dueAt", "status") DO UPDATE SET "count" = "ReportCheckInCount"."count" + 1\073
  END IF\073
  RETURN NULL\073
END ';

CREATE TRIGGER "CheckIn_report_insert_delete" AFTER INSERT OR DELETE ON "CheckIn"
  FOR EACH ROW EXECUTE FUNCTION "report_checkin_count"();

CREATE TRIGGER "CheckIn_report_update" AFTER UPDATE OF "status", "dueAt", "pairingId" ON "CheckIn"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."dueAt" IS DISTINCT FROM NEW."dueAt" OR OLD."pairingId" IS DISTINCT FROM NEW."pairingId")
  EXECUTE FUNCTION "report_checkin_count"();

CREATE FUNCTION "report_pairing_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "CheckIn" WHERE "pairingId" = OLD."id"\073
  RETURN OLD\073
END ';

CREATE TRIGGER "Pairing_report_delete" BEFORE DELETE ON "Pairing"
  FOR EACH ROW EXECUTE FUNCTION "report_pairing_delete"();

CREATE FUNCTION "report_participant_count"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
    UPDATE "ReportParticipantCount" SET "count" = "count" - 1
      WHERE "programmeId" = OLD."programmeId" AND "role" = OLD."role" AND "status" = OLD."status"
        AND "department" = OLD."department" AND "generation" = OLD."generation"\073
  END IF\073
  IF TG_OP IN (''INSERT'', ''UPDATE'') THEN
    INSERT INTO "ReportParticipantCount" ("programmeId", "role", "status", "department", "generation", "count")
      VALUES (NEW."programmeId", NEW."role", NEW."status", NEW."department", NEW."generation", 1)
      ON CONFLICT ("programmeId", "role", "status", "department", "generation")
      DO UPDATE SET "count" = "ReportParticipantCount"."count" + 1\073
  END IF\073
  RETURN NULL\073
END ';

CREATE TRIGGER "Participant_report_insert_delete" AFTER INSERT OR DELETE ON "Participant"
  FOR EACH ROW EXECUTE FUNCTION "report_participant_count"();

CREATE TRIGGER "Participant_report_update" AFTER UPDATE OF "programmeId", "role", "status", "department", "generation" ON "Participant"
  FOR EACH ROW
  WHEN (OLD."programmeId" IS DISTINCT FROM NEW."programmeId" OR OLD."role" IS DISTINCT FROM NEW."role"
    OR OLD."status" IS DISTINCT FROM NEW."status" OR OLD."department" IS DISTINCT FROM NEW."department"
    OR OLD."generation" IS DISTINCT FROM NEW."generation")
  EXECUTE FUNCTION "report_participant_count"();

-- Backfill: the counts of every existing programme. (Feedback counters rebuild themselves on first use.)
INSERT INTO "ReportCheckInCount" ("programmeId", "dueAt", "status", "count")
  SELECT p."programmeId", c."dueAt", c."status", COUNT(*) FROM "CheckIn" c JOIN "Pairing" p ON p."id" = c."pairingId"
  GROUP BY p."programmeId", c."dueAt", c."status";

INSERT INTO "ReportParticipantCount" ("programmeId", "role", "status", "department", "generation", "count")
  SELECT "programmeId", "role", "status", "department", "generation", COUNT(*) FROM "Participant"
  GROUP BY "programmeId", "role", "status", "department", "generation";
