import { definePreset } from '@primeuix/themes';
import Aura from '@primeuix/themes/aura';

/** Text colours for severities that stay above WCAG AA (4.5:1) on white and on the light tints. */
const SEVERITY_TEXT = {
  success: '{green.700}',
  info: '{sky.800}',
  warn: '{orange.800}',
  danger: '{red.700}',
} as const;

/** Filled buttons: white text needs the 700 shade (Aura's 500 shades are about 3:1). */
const filled = (colour: string) => ({
  background: `{${colour}.700}`,
  hoverBackground: `{${colour}.800}`,
  activeBackground: `{${colour}.900}`,
  borderColor: `{${colour}.700}`,
  hoverBorderColor: `{${colour}.800}`,
  activeBorderColor: `{${colour}.900}`,
  color: '#ffffff',
  hoverColor: '#ffffff',
  activeColor: '#ffffff',
  focusRing: { color: `{${colour}.700}`, shadow: 'none' },
});

/** Messages: Aura's 600 text on a 50 tint is below 4.5:1 for yellow, green and red. */
const message = (colour: string, text: string) => ({
  color: text,
  outlined: { color: text, borderColor: text },
  simple: { color: text },
  closeButton: { focusRing: { color: text, shadow: 'none' } },
  borderColor: `{${colour}.300}`,
});

/**
 * Aura with an institutional blue as primary. The primary colour is the 700 shade so white text on
 * buttons and primary-coloured text on white both stay above WCAG AA contrast (4.5:1); Aura's own
 * emerald-500 does not. Severity colours (danger, warn…) are darkened for the same reason.
 */
export const RumboPreset = definePreset(Aura, {
  semantic: {
    primary: {
      50: '{blue.50}',
      100: '{blue.100}',
      200: '{blue.200}',
      300: '{blue.300}',
      400: '{blue.400}',
      500: '{blue.500}',
      600: '{blue.600}',
      700: '{blue.700}',
      800: '{blue.800}',
      900: '{blue.900}',
      950: '{blue.950}',
    },
    focusRing: {
      width: '2px',
      style: 'solid',
      color: '{primary.color}',
      offset: '2px',
      shadow: 'none',
    },
    colorScheme: {
      light: {
        primary: {
          color: '{primary.700}',
          contrastColor: '#ffffff',
          hoverColor: '{primary.800}',
          activeColor: '{primary.900}',
        },
      },
    },
  },
  components: {
    button: {
      colorScheme: {
        light: {
          root: { success: filled('green'), info: filled('sky'), warn: filled('orange'), danger: filled('red') },
          outlined: {
            secondary: { color: '{surface.700}', borderColor: '{surface.300}' },
            success: { color: SEVERITY_TEXT.success, borderColor: '{green.300}' },
            info: { color: SEVERITY_TEXT.info, borderColor: '{sky.300}' },
            warn: { color: SEVERITY_TEXT.warn, borderColor: '{orange.300}' },
            danger: { color: SEVERITY_TEXT.danger, borderColor: '{red.300}' },
          },
          text: {
            secondary: { color: '{surface.700}' },
            success: { color: SEVERITY_TEXT.success },
            info: { color: SEVERITY_TEXT.info },
            warn: { color: SEVERITY_TEXT.warn },
            danger: { color: SEVERITY_TEXT.danger },
          },
        },
      },
    },
    message: {
      colorScheme: {
        light: {
          info: message('blue', '{blue.800}'),
          success: message('green', '{green.800}'),
          warn: message('yellow', '{yellow.900}'),
          error: message('red', '{red.800}'),
          secondary: message('surface', '{surface.700}'),
        },
      },
    },
  },
});

export const primeVueOptions = {
  theme: {
    preset: RumboPreset,
    options: {
      // Light only for now: the dark palette has not been contrast-checked. The class is never set.
      darkModeSelector: '.rumbo-dark',
      cssLayer: false,
    },
  },
};
