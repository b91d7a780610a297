-- CreateTable
CREATE TABLE "ReportCheckInCount" (
    "programmeId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("programmeId", "dueAt", "status"),
    CONSTRAINT "ReportCheckInCount_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportParticipantCount" (
    "programmeId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "generation" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("programmeId", "role", "status", "department", "generation"),
    CONSTRAINT "ReportParticipantCount_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportFeedbackCount" (
    "programmeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("programmeId", "kind", "month", "metric", "key"),
    CONSTRAINT "ReportFeedbackCount_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportFeedbackPerson" (
    "programmeId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "personKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("programmeId", "scope", "personKey"),
    CONSTRAINT "ReportFeedbackPerson_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportFeedbackState" (
    "programmeId" TEXT NOT NULL PRIMARY KEY,
    "timezone" TEXT NOT NULL,
    "built" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ReportFeedbackState_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReportFeedbackPerson_personKey_idx" ON "ReportFeedbackPerson"("personKey");

-- CreateIndex
CREATE INDEX "Pairing_programmeId_status_atRiskFlaggedAt_idx" ON "Pairing"("programmeId", "status", "atRiskFlaggedAt");

-- /rm-report's counters, kept current by triggers in the transaction of every write (any code path, any
-- replica, cascades included). A pairing's check-ins are deleted by the pairing's own BEFORE DELETE trigger,
-- while the pairing (and so the programme of each check-in) can still be read.
CREATE TRIGGER "CheckIn_report_insert" AFTER INSERT ON "CheckIn" BEGIN
  INSERT INTO "ReportCheckInCount" ("programmeId", "dueAt", "status", "count")
    SELECT p."programmeId", NEW."dueAt", NEW."status", 1 FROM "Pairing" p WHERE p."id" = NEW."pairingId"
    ON CONFLICT ("programmeId", "dueAt", "status") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "CheckIn_report_update" AFTER UPDATE OF "status", "dueAt", "pairingId" ON "CheckIn"
  WHEN OLD."status" IS NOT NEW."status" OR OLD."dueAt" IS NOT NEW."dueAt" OR OLD."pairingId" IS NOT NEW."pairingId"
BEGIN
  UPDATE "ReportCheckInCount" SET "count" = "count" - 1
    WHERE "programmeId" = (SELECT p."programmeId" FROM "Pairing" p WHERE p."id" = OLD."pairingId")
      AND "dueAt" = OLD."dueAt" AND "status" = OLD."status";
  INSERT INTO "ReportCheckInCount" ("programmeId", "dueAt", "status", "count")
    SELECT p."programmeId", NEW."dueAt", NEW."status", 1 FROM "Pairing" p WHERE p."id" = NEW."pairingId"
    ON CONFLICT ("programmeId", "dueAt", "status") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "CheckIn_report_delete" AFTER DELETE ON "CheckIn" BEGIN
  UPDATE "ReportCheckInCount" SET "count" = "count" - 1
    WHERE "programmeId" = (SELECT p."programmeId" FROM "Pairing" p WHERE p."id" = OLD."pairingId")
      AND "dueAt" = OLD."dueAt" AND "status" = OLD."status";
END;

CREATE TRIGGER "Pairing_report_delete" BEFORE DELETE ON "Pairing" BEGIN
  DELETE FROM "CheckIn" WHERE "pairingId" = OLD."id";
END;

CREATE TRIGGER "Participant_report_insert" AFTER INSERT ON "Participant" BEGIN
  INSERT INTO "ReportParticipantCount" ("programmeId", "role", "status", "department", "generation", "count")
    VALUES (NEW."programmeId", NEW."role", NEW."status", NEW."department", NEW."generation", 1)
    ON CONFLICT ("programmeId", "role", "status", "department", "generation") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Participant_report_update" AFTER UPDATE OF "programmeId", "role", "status", "department", "generation" ON "Participant"
  WHEN OLD."programmeId" IS NOT NEW."programmeId" OR OLD."role" IS NOT NEW."role" OR OLD."status" IS NOT NEW."status"
    OR OLD."department" IS NOT NEW."department" OR OLD."generation" IS NOT NEW."generation"
BEGIN
  UPDATE "ReportParticipantCount" SET "count" = "count" - 1
    WHERE "programmeId" = OLD."programmeId" AND "role" = OLD."role" AND "status" = OLD."status"
      AND "department" = OLD."department" AND "generation" = OLD."generation";
  INSERT INTO "ReportParticipantCount" ("programmeId", "role", "status", "department", "generation", "count")
    VALUES (NEW."programmeId", NEW."role", NEW."status", NEW."department", NEW."generation", 1)
    ON CONFLICT ("programmeId", "role", "status", "department", "generation") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Participant_report_delete" AFTER DELETE ON "Participant" BEGIN
  UPDATE "ReportParticipantCount" SET "count" = "count" - 1
    WHERE "programmeId" = OLD."programmeId" AND "role" = OLD."role" AND "status" = OLD."status"
      AND "department" = OLD."department" AND "generation" = OLD."generation";
END;

-- Backfill: the counts of every existing programme. (Feedback counters rebuild themselves on first use.)
INSERT INTO "ReportCheckInCount" ("programmeId", "dueAt", "status", "count")
  SELECT p."programmeId", c."dueAt", c."status", COUNT(*) FROM "CheckIn" c JOIN "Pairing" p ON p."id" = c."pairingId"
  GROUP BY p."programmeId", c."dueAt", c."status";

INSERT INTO "ReportParticipantCount" ("programmeId", "role", "status", "department", "generation", "count")
  SELECT "programmeId", "role", "status", "department", "generation", COUNT(*) FROM "Participant"
  GROUP BY "programmeId", "role", "status", "department", "generation";
