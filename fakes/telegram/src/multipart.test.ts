import { expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from './multipart.ts';

const body = (parts: string[], boundary = 'B') =>
  Buffer.from(`--${boundary}\r\n${parts.join(`\r\n--${boundary}\r\n`)}\r\n--${boundary}--\r\n`);

it("reads grammY's compact part headers (no spaces, unquoted filename)", () => {
  const parsed = parseMultipart(
    body([
      'content-disposition:form-data;name="chat_id"\r\n\r\n42',
      'content-disposition:form-data;name="document"\r\n\r\nattach://abc',
      'content-disposition:form-data;name="abc";filename=notes.txt\r\ncontent-type:application/octet-stream\r\n\r\nline 1\r\nline 2',
    ]),
    'B',
  );
  expect(Object.fromEntries(parsed.fields)).toEqual({ chat_id: '42', document: 'attach://abc' });
  const file = parsed.files.get('abc');
  expect(file).toMatchObject({ fileName: 'notes.txt', contentType: 'application/octet-stream' });
  expect(file?.data.toString()).toBe('line 1\r\nline 2');
});

it('reads the standard form with quoted names and binary content', () => {
  const bytes = Buffer.from([0, 255, 13, 10, 45, 45]);
  const raw = Buffer.concat([
    Buffer.from(
      '--X\r\nContent-Disposition: form-data; name="document"; filename="a \\"b\\".bin"\r\nContent-Type: image/png\r\n\r\n',
    ),
    bytes,
    Buffer.from('\r\n--X--'),
  ]);
  const file = parseMultipart(raw, 'X').files.get('document');
  expect(file?.fileName).toBe('a "b".bin');
  expect(file?.contentType).toBe('image/png');
  expect(file?.data.equals(bytes)).toBe(true);
});

it('finds the boundary in the content type, quoted or not', () => {
  expect(boundaryOf('multipart/form-data; boundary=----abc')).toBe('----abc');
  expect(boundaryOf('multipart/form-data; boundary="q r"')).toBe('q r');
  expect(boundaryOf('multipart/form-data')).toBeUndefined();
});

it('refuses bodies that are not multipart', () => {
  expect(() => parseMultipart(Buffer.from('nothing'), 'B')).toThrow('no boundary in body');
  expect(() => parseMultipart(Buffer.from('--Bxx'), 'B')).toThrow('bad delimiter line');
  expect(() => parseMultipart(Buffer.from('--B\r\ncontent-disposition: form-data'), 'B')).toThrow(
    'part headers do not end',
  );
  expect(() => parseMultipart(Buffer.from('--B\r\ncontent-type: text/plain\r\n\r\nx\r\n--B--'), 'B')).toThrow(
    'part without a name',
  );
});
