import { definePreset } from '@primeuix/themes';
import Aura from '@primeuix/themes/aura';

/**
 * Aura with an institutional blue as primary. The primary colour is the 700 shade so white text on
 * buttons and primary-coloured text on white both stay above WCAG AA contrast (4.5:1); Aura's own
 * emerald-500 does not.
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
