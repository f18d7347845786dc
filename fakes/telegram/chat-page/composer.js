/**
 * The composer: Enter (without Shift) or Send sends the text; the paperclip uploads a file (`POST /_fake/files`) and
 * sends it with the text as its caption — PNG and JPEG as a photo, as Telegram's apps do, anything else as a
 * document. What could not be sent goes back into the text box.
 */
import { uploadFile } from './requests.js';

/** Telegram turns these into photos; other files go as documents. */
const PHOTO_TYPES = ['image/png', 'image/jpeg'];

/**
 * @param {HTMLTextAreaElement} text
 * @param {{ send(what: { text?: string, file?: { file_id: string, as: 'document' | 'photo' } }): Promise<void>,
 *   failed(err: unknown): void }} page
 */
export function wireComposer(text, page) {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('composer'));
  const fileInput = /** @type {HTMLInputElement} */ (document.getElementById('file-input'));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = text.value;
    if (value.trim() === '') return;
    text.value = '';
    page.send({ text: value }).catch((err) => {
      text.value = value;
      page.failed(err);
    });
  });

  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    const caption = text.value;
    text.value = '';
    try {
      const stored = await uploadFile(file);
      const as = PHOTO_TYPES.includes(file.type) ? 'photo' : 'document';
      await page.send({ text: caption, file: { file_id: stored.file_id, as } });
    } catch (err) {
      text.value = caption;
      page.failed(err);
    }
  });
}
