import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../kernel/http/errors.js';
import { t } from '../../kernel/i18n/i18n.js';
import type { App } from '../../kernel/http/types.js';
import {
  addAttachments,
  contentDisposition,
  formatBytes,
  grantUpload,
  MAX_FILES_PER_UPLOAD,
  openAttachment,
  type UploadFile,
} from './attachments.service.js';
import { ensureDemoPhotos } from './attachments.seed.js';
import { storeFrom } from './attachments.store.js';
import { AttachmentList, AttachmentParam, IdParam } from './contract.js';

const tags = ['service-orders'];

/** Reads a multipart upload into memory, file by file, refusing a file over the size limit as soon as it passes it. */
async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ stage?: string; files: UploadFile[] }> {
  if (!req.isMultipart())
    throw new AppError('validation', 'attachment.notMultipart', {}, [
      { field: 'files', message: t(req.locale, 'attachment.notMultipart') },
    ]);
  const files: UploadFile[] = [];
  let stage: string | undefined;
  let current = '';
  try {
    for await (const part of req.parts({
      limits: { fileSize: maxBytes, files: MAX_FILES_PER_UPLOAD, fields: 10, fieldSize: 1000 },
    })) {
      if (part.type === 'file') {
        current = part.filename;
        files.push({ name: part.filename, bytes: await part.toBuffer() });
      } else if (part.fieldname === 'stage') {
        stage = String(part.value);
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('payloadTooLarge', 'attachment.tooLarge', { name: current, max: formatBytes(maxBytes) });
    if (code === 'FST_FILES_LIMIT')
      throw new AppError('payloadTooLarge', 'attachment.tooMany', { max: MAX_FILES_PER_UPLOAD });
    throw e;
  }
  return { stage, files };
}

/**
 * Photos and files on orders (issue 5 item 6): upload (multipart) and download. Registered in its own plugin
 * scope so that the multipart parser applies to these routes only.
 */
export async function attachmentRoutes(app: App): Promise<void> {
  const { config } = app.deps;
  const store = storeFrom(config);
  await app.register(multipart, { limits: { fileSize: config.FILE_MAX_BYTES, files: MAX_FILES_PER_UPLOAD } });
  if (config.demoData && config.NODE_ENV !== 'test') {
    app.addHook('onReady', async () => {
      await ensureDemoPhotos(store, app.deps.database.db).catch((err: unknown) =>
        app.log.warn({ err }, 'demo photos not stored'),
      );
    });
  }

  app.post(
    '/api/orders/:id/attachments',
    {
      config: { access: { permission: 'order.read' } },
      schema: {
        tags,
        summary: 'Add photos or files (multipart: one or more `files`, optional `stage` report|resolve|other)',
        description:
          'JPEG, PNG, WebP, HEIC photos and PDF, told by their content; at most FILE_MAX_BYTES each. The reporter, the handler and staff of the subtree may upload.',
        params: IdParam,
        response: { 201: AttachmentList },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      const grant = await grantUpload(ctx, req.params.id);
      const { stage, files } = await readUpload(req, config.FILE_MAX_BYTES);
      return reply.status(201).send({ items: await addAttachments(ctx, store, grant, stage, files) });
    },
  );

  app.get(
    '/api/orders/:id/attachments/:attachmentId',
    {
      config: { access: { permission: 'order.read' } },
      schema: {
        tags,
        summary: 'The bytes of one photo or file, with its detected type (only if you may see the order)',
        params: AttachmentParam,
      },
    },
    async (req, reply) => {
      const { attachment, stream } = await openAttachment(req.ctx(), store, req.params.id, req.params.attachmentId);
      const download = (req.query as Record<string, unknown>).download !== undefined;
      return reply
        .header('content-type', attachment.mime)
        .header('content-length', attachment.size)
        .header('content-disposition', contentDisposition(attachment.name, download ? 'attachment' : 'inline'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .header('etag', `"${attachment.sha256}"`)
        .send(stream);
    },
  );
}
