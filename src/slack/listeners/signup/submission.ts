import { z } from 'zod';
import { submitSignup as submit } from '../../../flows/signup.js';
import type { ListenerDeps } from '../kit/deps.js';
import { nameToShow } from '../../../domain/people.js';
import { readSignupForm } from '../../forms/signupForm.js';
import { viewSubmissionSchema } from '../../forms/stateValues.js';
import { inlineErrors, readPrivateMetadata, unreadableForm, type SubmissionAck } from '../kit/submissions.js';

// `name`: what Slack showed when the modal opened (openSignupModal); modals opened before it was carried have none.
const metadataSchema = z.object({ programmeId: z.string().min(1), name: z.string().optional() });
const userNameSchema = z.object({ user: z.object({ name: z.string().optional(), username: z.string().optional() }) });

/** The ack for the modal, and who saved their profile (their App Home changed) when it was saved. */
export async function submitSignup(body: unknown, deps: ListenerDeps): Promise<{ ack: SubmissionAck; saved?: string }> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return { ack: unreadableForm('role') };
  const { user, view } = parsed.data;
  const names = userNameSchema.safeParse(body);
  const metadata = readPrivateMetadata(metadataSchema, view.private_metadata);
  const outcome = await submit(deps, {
    programmeId: metadata?.programmeId,
    slackUserId: user.id,
    displayName: nameToShow({ profile: { display_name: metadata?.name } }),
    handle: nameToShow({ name: names.success ? (names.data.user.name ?? names.data.user.username) : undefined }),
    draft: readSignupForm(view.state.values),
    viewId: view.id,
  });
  if (outcome.ok) return { ack: undefined, saved: user.id };
  return { ack: inlineErrors(outcome.reason === 'invalid' ? outcome.problems : { role: outcome.message }) };
}
