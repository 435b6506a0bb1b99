import type { Config } from 'tailwindcss';

// Loaded from app/globals.css through `@config` (Tailwind 4).
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  darkMode: 'class',
  theme: {
    extend: {
      colors: {
        // Contrast (WCAG AA, 4.5:1 for text): DEFAULT on white, zinc-50 and soft, and
        // white on DEFAULT; light (accent text in the dark theme) on zinc-950 and zinc-900.
        accent: {
          DEFAULT: '#5b4cf5',
          strong: '#4a3ae0',
          soft: '#ece9ff',
          light: '#9d94ff',
        },
      },
      fontFamily: {
        sans: ['ui-sans-serif', 'system-ui', 'Segoe UI', 'Roboto', 'Helvetica', 'Arial', 'sans-serif'],
      },
    },
  },
};

export default config;
