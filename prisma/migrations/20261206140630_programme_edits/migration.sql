-- AlterTable
ALTER TABLE "ProgrammeTopic" ADD COLUMN "retiredAt" DATETIME;

-- CreateTable
CREATE TABLE "ProgrammeChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "editKey" TEXT NOT NULL,
    "changedBySlackId" TEXT NOT NULL,
    "changedAt" DATETIME NOT NULL,
    "field" TEXT NOT NULL,
    "before" TEXT NOT NULL DEFAULT '',
    "after" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ProgrammeChange_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Pairing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "matchRunId" TEXT,
    "mentorId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "score" REAL NOT NULL DEFAULT 0,
    "reasonsJson" TEXT NOT NULL DEFAULT '[]',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "cadenceDays" INTEGER NOT NULL DEFAULT 14,
    "cadenceChosen" BOOLEAN NOT NULL DEFAULT false,
    "groupChannelId" TEXT,
    "introducedAt" DATETIME,
    "endedAt" DATETIME,
    "endReason" TEXT,
    "atRiskFlaggedAt" DATETIME,
    "objectives" TEXT NOT NULL DEFAULT '',
    "objectivesUpdatedAt" DATETIME,
    "midpointSurveyAt" DATETIME,
    "finalSurveyAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Pairing_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Pairing_matchRunId_fkey" FOREIGN KEY ("matchRunId") REFERENCES "MatchRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Pairing_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Pairing_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Pairing" ("atRiskFlaggedAt", "cadenceDays", "createdAt", "endReason", "endedAt", "finalSurveyAt", "groupChannelId", "id", "introducedAt", "matchRunId", "menteeId", "mentorId", "midpointSurveyAt", "objectives", "objectivesUpdatedAt", "pinned", "programmeId", "reasonsJson", "score", "status", "updatedAt") SELECT "atRiskFlaggedAt", "cadenceDays", "createdAt", "endReason", "endedAt", "finalSurveyAt", "groupChannelId", "id", "introducedAt", "matchRunId", "menteeId", "mentorId", "midpointSurveyAt", "objectives", "objectivesUpdatedAt", "pinned", "programmeId", "reasonsJson", "score", "status", "updatedAt" FROM "Pairing";
DROP TABLE "Pairing";
ALTER TABLE "new_Pairing" RENAME TO "Pairing";
CREATE INDEX "Pairing_programmeId_status_idx" ON "Pairing"("programmeId", "status");
CREATE INDEX "Pairing_mentorId_idx" ON "Pairing"("mentorId");
CREATE INDEX "Pairing_menteeId_idx" ON "Pairing"("menteeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProgrammeChange_programmeId_changedAt_idx" ON "ProgrammeChange"("programmeId", "changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeChange_editKey_field_key" ON "ProgrammeChange"("editKey", "field");

-- A pair whose cadence differs from its programme's default chose its own: a new default leaves it alone.
UPDATE "Pairing" SET "cadenceChosen" = 1 WHERE "cadenceDays" <> (SELECT "cadenceDays" FROM "Programme" WHERE "Programme"."id" = "Pairing"."programmeId");
