import { expect, it } from 'vitest';
import { applyWebAppEvent, initialFrameState } from './webapp-bridge.js';

const env = { width: 375, height: 700, theme: { bg_color: '#ffffff' } };

it('answers the requests a starting app makes: theme, viewport, safe areas', () => {
  const start = initialFrameState();
  expect(applyWebAppEvent(start, 'web_app_request_theme', '', env).replies).toEqual([
    { eventType: 'theme_changed', eventData: { theme_params: { bg_color: '#ffffff' } } },
  ]);
  const viewport = {
    eventType: 'viewport_changed',
    eventData: { height: 700, width: 375, is_expanded: true, is_state_stable: true },
  };
  expect(applyWebAppEvent(start, 'web_app_request_viewport', '', env).replies).toEqual([viewport]);
  expect(applyWebAppEvent(start, 'web_app_expand', '', env).replies).toEqual([viewport]);
  expect(applyWebAppEvent(start, 'web_app_request_safe_area', '', env).replies).toEqual([
    { eventType: 'safe_area_changed', eventData: { top: 0, bottom: 0, left: 0, right: 0 } },
  ]);
  expect(applyWebAppEvent(start, 'web_app_request_content_safe_area', '', env).replies).toEqual([
    { eventType: 'content_safe_area_changed', eventData: { top: 0, bottom: 0, left: 0, right: 0 } },
  ]);
});

it('follows the BackButton, the MainButton, readiness, haptics and close', () => {
  let state = initialFrameState();
  const apply = (type: string, data: unknown = '') => {
    const next = applyWebAppEvent(state, type, data, env);
    expect(next.replies).toEqual([]);
    state = next.state;
  };
  apply('iframe_ready', { reload_supported: true });
  apply('web_app_ready');
  apply('web_app_setup_back_button', { is_visible: true });
  apply('web_app_setup_main_button', {
    is_visible: true,
    is_active: false,
    is_progress_visible: false,
    text: 'New session',
    color: '#3390ec',
    text_color: '#ffffff',
  });
  apply('web_app_trigger_haptic_feedback', { type: 'impact', impact_style: 'light' });
  apply('web_app_trigger_haptic_feedback', { type: 'notification', notification_type: 'error' });
  apply('web_app_trigger_haptic_feedback', { type: 'selection_change' });
  apply('web_app_set_header_color', { color_key: 'bg_color' });
  expect(state).toEqual({
    ready: true,
    reloadSupported: true,
    back: true,
    main: {
      is_visible: true,
      is_active: false,
      is_progress_visible: false,
      text: 'New session',
      color: '#3390ec',
      text_color: '#ffffff',
    },
    haptics: ['impact light', 'notification error', 'selection_change'],
    closed: false,
  });
  apply('web_app_setup_main_button', { is_visible: false });
  expect(state.main.is_visible).toBe(false);
  // A reload forgets the page's buttons (the new page sets its own) but keeps what was felt.
  apply('iframe_will_reload');
  expect(state).toMatchObject({ ready: false, back: false, reloadSupported: false, haptics: state.haptics });
  expect(state.haptics).toHaveLength(3);
  apply('web_app_close', {});
  expect(state.closed).toBe(true);
});
