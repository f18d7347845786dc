/**
 * A small multipart/form-data reader. Written here rather than using `Request.formData()` because grammY writes its
 * part headers in a compact form (`content-disposition:form-data;name="x";filename=a.txt`, unquoted filename) that a
 * strict parser may refuse, while Telegram accepts it; curl's standard form is accepted too.
 */
export interface UploadedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

export interface MultipartBody {
  fields: Map<string, string>;
  files: Map<string, UploadedFile>;
}

export class MultipartError extends Error {}

export function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function param(header: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\r\\n]*))`, 'i').exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '').trim();
}

export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const fields = new Map<string, string>();
  const files = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('no boundary in body');
  pos += delimiter.length;
  for (;;) {
    if (body.subarray(pos, pos + 2).toString() === '--') return { fields, files };
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') throw new MultipartError('bad delimiter line');
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new MultipartError('part headers do not end');
    const headers = new Map<string, string>();
    for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const contentEnd = body.indexOf(nextDelimiter, headerEnd + 4);
    if (contentEnd < 0) throw new MultipartError('part does not end');
    const content = body.subarray(headerEnd + 4, contentEnd);
    const disposition = headers.get('content-disposition') ?? '';
    const name = param(disposition, 'name');
    if (!name) throw new MultipartError('part without a name');
    const fileName = param(disposition, 'filename');
    if (fileName !== undefined) {
      files.set(name, {
        fileName,
        contentType: headers.get('content-type') ?? 'application/octet-stream',
        data: Buffer.from(content),
      });
    } else {
      fields.set(name, content.toString('utf8'));
    }
    pos = contentEnd + nextDelimiter.length;
  }
}
