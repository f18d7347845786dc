/**
 * The Telegram client's side of the Mini App protocol, as pure state: what each `web_app_*` event from the framed app
 * changes (its BackButton, MainButton, readiness, haptics) and which events the client sends back (the viewport, the
 * theme, the safe areas). Events it does not model (header colours, popups…) change nothing, as an older client
 * ignores what it does not know.
 */

/**
 * @typedef {{ is_visible: boolean, is_active: boolean, is_progress_visible: boolean, text: string, color?: string,
 *   text_color?: string }} MainButtonState
 * @typedef {{ ready: boolean, reloadSupported: boolean, back: boolean, main: MainButtonState, haptics: string[],
 *   closed: boolean }} FrameState
 * @typedef {{ width: number, height: number, theme: Record<string, string> }} ClientEnv
 * @typedef {{ eventType: string, eventData?: unknown }} ClientEvent
 */

/** @returns {FrameState} */
export function initialFrameState() {
  return {
    ready: false,
    reloadSupported: false,
    back: false,
    main: { is_visible: false, is_active: true, is_progress_visible: false, text: '' },
    haptics: [],
    closed: false,
  };
}

const NO_INSETS = { top: 0, bottom: 0, left: 0, right: 0 };

/** @param {ClientEnv} env @returns {ClientEvent} */
export const viewportEvent = (env) => ({
  eventType: 'viewport_changed',
  eventData: { height: env.height, width: env.width, is_expanded: true, is_state_stable: true },
});

/** @param {ClientEnv} env @returns {ClientEvent} */
export const themeEvent = (env) => ({ eventType: 'theme_changed', eventData: { theme_params: env.theme } });

/** @param {unknown} data @returns {Record<string, unknown>} */
const fields = (data) =>
  typeof data === 'object' && data !== null ? /** @type {Record<string, unknown>} */ (data) : {};

/** @param {Record<string, unknown>} d */
function haptic(d) {
  if (d.type === 'impact') return `impact ${String(d.impact_style)}`;
  if (d.type === 'notification') return `notification ${String(d.notification_type)}`;
  return String(d.type);
}

/**
 * One event from the app. Returns the next state and the events to answer with.
 * @param {FrameState} state
 * @param {string} eventType
 * @param {unknown} eventData
 * @param {ClientEnv} env
 * @returns {{ state: FrameState, replies: ClientEvent[] }}
 */
export function applyWebAppEvent(state, eventType, eventData, env) {
  const d = fields(eventData);
  switch (eventType) {
    case 'iframe_ready':
      return { state: { ...state, reloadSupported: d.reload_supported === true }, replies: [] };
    case 'iframe_will_reload':
      // The page is going: its buttons go with it until the reloaded page sets them again.
      return { state: { ...initialFrameState(), haptics: state.haptics }, replies: [] };
    case 'web_app_ready':
      return { state: { ...state, ready: true }, replies: [] };
    case 'web_app_expand':
    case 'web_app_request_viewport':
      return { state, replies: [viewportEvent(env)] };
    case 'web_app_request_theme':
      return { state, replies: [themeEvent(env)] };
    case 'web_app_request_safe_area':
      return { state, replies: [{ eventType: 'safe_area_changed', eventData: NO_INSETS }] };
    case 'web_app_request_content_safe_area':
      return { state, replies: [{ eventType: 'content_safe_area_changed', eventData: NO_INSETS }] };
    case 'web_app_close':
      return { state: { ...state, closed: true }, replies: [] };
    case 'web_app_setup_back_button':
      return { state: { ...state, back: d.is_visible === true }, replies: [] };
    case 'web_app_setup_main_button': {
      /** @type {MainButtonState} */
      const main = {
        is_visible: d.is_visible === true,
        is_active: d.is_active !== false,
        is_progress_visible: d.is_progress_visible === true,
        text: typeof d.text === 'string' ? d.text : '',
        ...(typeof d.color === 'string' ? { color: d.color } : {}),
        ...(typeof d.text_color === 'string' ? { text_color: d.text_color } : {}),
      };
      return { state: { ...state, main }, replies: [] };
    }
    case 'web_app_trigger_haptic_feedback':
      return { state: { ...state, haptics: [...state.haptics, haptic(d)] }, replies: [] };
    default:
      return { state, replies: [] };
  }
}
