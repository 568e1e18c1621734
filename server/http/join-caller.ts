import { User } from '../db/models/index';
import { forbidden, notFound, validationFailed } from '../errors';
import type { RequestAuth } from './auth';

/**
 * Who joins a queue: a patient joins themselves (and may not name another); an API key with the `tickets`
 * scope (the route guard checked it) joins the patient its `patientId` names, as a registration desk does.
 */
export async function joinerOf(auth: RequestAuth, body: { patientId: number } | undefined): Promise<number> {
  if (!auth.apiKey) {
    if (body?.patientId !== undefined)
      throw forbidden("Only a hospital system's API key joins a queue on a patient's behalf.");
    return auth.user.id;
  }
  if (body?.patientId === undefined)
    throw validationFailed([{ path: 'body.patientId', message: 'is required with an API key' }]);
  const patient = await User.findOne({ where: { id: body.patientId, role: 'patient' }, attributes: ['id'] });
  if (!patient) throw notFound('There is no such patient.');
  return patient.id;
}
