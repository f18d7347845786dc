import { describe, expect, it } from 'vitest';
import { parseSse } from './vibetunnel-viewer.ts';

describe('parseSse', () => {
  it('takes the output of complete events only, skipping the header, resizes, exits and comments', () => {
    const chunk = [
      ':ok',
      '',
      'data: {"version":2,"width":80,"height":24}',
      '',
      'data: [0,"o","bash-5.2# "]',
      '',
      'data: [0.1,"r","80x24"]',
      '',
      ':heartbeat',
      '',
      'data: [0.2,"o","a\\r\\n"]',
      '',
      'data: [0.3,"o","par',
    ].join('\n');
    expect(parseSse(chunk)).toEqual({ outputs: ['bash-5.2# ', 'a\r\n'], rest: 'data: [0.3,"o","par' });
  });

  it('completes an event split across chunks once the rest arrives', () => {
    const first = parseSse('data: [0,"o","he');
    expect(first.outputs).toEqual([]);
    expect(parseSse(`${first.rest}llo"]\n\n`)).toEqual({ outputs: ['hello'], rest: '' });
  });
});
