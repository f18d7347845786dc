import { expect, it } from 'vitest';
import { launchUrl, THEMES } from './webapp-launch.js';

const theme = { bg_color: '#ffffff' };
const params = `tgWebAppData=a%3D1%26hash%3Dx&tgWebAppVersion=8.0&tgWebAppPlatform=weba&tgWebAppThemeParams=${encodeURIComponent(
  '{"bg_color":"#ffffff"}',
)}`;

it('puts the launch parameters in the hash, URL-encoded, and merges them into an existing hash', () => {
  expect(launchUrl('https://app.example/miniapp?session=s1', 'a=1&hash=x', theme)).toBe(
    `https://app.example/miniapp?session=s1#${params}`,
  );
  expect(launchUrl('https://app.example/#route=1', 'a=1&hash=x', theme)).toBe(`https://app.example/#route=1&${params}`);
  expect(launchUrl('https://app.example/#path?x', 'a=1&hash=x', theme)).toBe(`https://app.example/#path?x&${params}`);
  expect(launchUrl('https://app.example/#path', 'a=1&hash=x', theme)).toBe(`https://app.example/#path?${params}`);
  expect(launchUrl('https://app.example/#', 'a=1&hash=x', theme)).toBe(`https://app.example/#${params}`);
});

it('has a light and a dark palette with every colour as #rrggbb', () => {
  for (const palette of [THEMES.light, THEMES.dark]) {
    expect(Object.keys(palette)).toContain('bg_color');
    for (const color of Object.values(palette)) expect(color).toMatch(/^#[0-9a-f]{6}$/);
  }
});
