// Inline SVG icons (no icon font: nothing remote, nothing inline-styled).
// Decorative: hidden from screen readers, the text next to them carries the meaning.
import type { ReactNode } from 'react';

function Svg({ children, size = 18 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const FlameIcon = ({ size }: { size?: number }) => (
  <Svg size={size}>
    <path d="M12 3c.5 3.2 4.5 5.3 4.5 9.8A4.5 4.5 0 0 1 12 17.5a4.5 4.5 0 0 1-4.5-4.7c0-2 1-3.3 2-4.3.2 1.5.9 2.5 2 3C11 9 11 6 12 3Z" />
    <path d="M5 21h14" />
  </Svg>
);
export const FleetIcon = () => (
  <Svg>
    <rect x="3" y="4" width="18" height="6" rx="1.5" />
    <rect x="3" y="14" width="18" height="6" rx="1.5" />
    <path d="M7 7h.01M7 17h.01M11 7h6M11 17h6" />
  </Svg>
);
export const DiscoverIcon = () => (
  <Svg>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-4-4M11 8v6M8 11h6" />
  </Svg>
);
export const SettingsIcon = () => (
  <Svg>
    <circle cx="12" cy="12" r="3" />
    <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1Z" />
  </Svg>
);
export const SearchIcon = () => (
  <Svg size={16}>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </Svg>
);
export const BackIcon = () => (
  <Svg size={16}>
    <path d="M15 18l-6-6 6-6" />
  </Svg>
);
export const CloseIcon = () => (
  <Svg size={16}>
    <path d="M6 6l12 12M18 6 6 18" />
  </Svg>
);
export const SortIcon = ({ direction }: { direction?: 'ascending' | 'descending' }) => (
  <Svg size={14}>
    {direction === 'ascending' ? <path d="m6 15 6-6 6 6" /> : direction === 'descending' ? <path d="m6 9 6 6 6-6" /> : <path d="m8 10 4-4 4 4M8 14l4 4 4-4" />}
  </Svg>
);
export const HashIcon = () => (
  <Svg>
    <path d="M13 2 4 14h7l-1 8 9-12h-7l1-8Z" />
  </Svg>
);
export const DevicesIcon = () => (
  <Svg>
    <rect x="4" y="4" width="16" height="16" rx="2" />
    <path d="M9 9h6v6H9zM9 1v3M15 1v3M9 20v3M15 20v3M20 9h3M20 14h3M1 9h3M1 14h3" />
  </Svg>
);
export const PowerIcon = () => (
  <Svg>
    <path d="M12 2v10M18.4 6.6a9 9 0 1 1-12.8 0" />
  </Svg>
);
export const AlertIcon = () => (
  <Svg>
    <path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0ZM12 9v4M12 17h.01" />
  </Svg>
);
export const PlusIcon = () => (
  <Svg size={16}>
    <path d="M12 5v14M5 12h14" />
  </Svg>
);
export const RefreshIcon = () => (
  <Svg size={16}>
    <path d="M21 12a9 9 0 1 1-2.6-6.4L21 8M21 3v5h-5" />
  </Svg>
);
export const CoinIcon = () => (
  <Svg>
    <circle cx="12" cy="12" r="9" />
    <path d="M9.5 7.5h4a2 2 0 0 1 0 4h-4m0 0h4.5a2 2 0 0 1 0 4h-4.5m0-8v8m1.5-9.5v1.5m0 8v1.5" />
  </Svg>
);
export const ScaleIcon = () => (
  <Svg>
    <path d="M12 4v16M7 20h10M5 8h14M5 8l-3 6a3 3 0 0 0 6 0L5 8Zm14 0-3 6a3 3 0 0 0 6 0l-3-6ZM12 4l-1 1" />
  </Svg>
);
export const LogsIcon = () => (
  <Svg>
    <path d="M8 6h12M8 12h12M8 18h12" />
    <path d="M4 6h.01M4 12h.01M4 18h.01" />
  </Svg>
);
export const BundleIcon = () => (
  <Svg>
    <path d="M4 8l8-4 8 4v8l-8 4-8-4Z" />
    <path d="M4 8l8 4 8-4M12 12v8" />
  </Svg>
);
export const UsbIcon = () => (
  <Svg>
    <rect x="8" y="3" width="8" height="5" rx="1" />
    <path d="M7 8h10v8a5 5 0 0 1-10 0V8Z" />
    <path d="M12 21v-2" />
  </Svg>
);
export const ChartIcon = () => (
  <Svg>
    <path d="M4 4v16h16" />
    <path d="m7 15 4-5 3 3 5-6" />
  </Svg>
);
export const BellIcon = () => (
  <Svg>
    <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15Z" />
    <path d="M10 20.5a2 2 0 0 0 4 0" />
  </Svg>
);
