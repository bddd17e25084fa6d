import type { ReactNode } from 'react';

/**
 * Small line glyphs of the session view (12×12, currentColor): microphone and camera, each with a
 * slash when muted; the speaking waves; the pending hourglass. Colour comes from the text around
 * them, and each always sits beside a word or carries one for screen readers.
 */
interface Props {
  readonly label: string;
  readonly size?: number;
}

function Svg({ label, size = 12, name, children }: Props & { readonly name: string; readonly children: ReactNode }) {
  return (
    <svg className="glyph s-glyph" width={size} height={size} viewBox="0 0 12 12" role="img" aria-label={label} data-glyph={name} fill="none" stroke="currentColor" strokeWidth={1.2} strokeLinecap="round">
      <title>{label}</title>
      {children}
    </svg>
  );
}

const SLASH = <path d="M1.5 1.5 L10.5 10.5" strokeWidth={1.5} />;

export function MicGlyph({ muted, ...p }: Props & { readonly muted: boolean }) {
  return (
    <Svg {...p} name={muted ? 'mic-off' : 'mic'}>
      <rect x={4.2} y={1} width={3.6} height={6} rx={1.8} fill={muted ? 'none' : 'currentColor'} />
      <path d="M2.6 5.6 A3.4 3.4 0 0 0 9.4 5.6 M6 9 V11 M4.2 11 H7.8" />
      {muted && SLASH}
    </Svg>
  );
}

export function CameraGlyph({ muted, ...p }: Props & { readonly muted: boolean }) {
  return (
    <Svg {...p} name={muted ? 'camera-off' : 'camera'}>
      <rect x={0.9} y={3.2} width={7} height={5.6} rx={1} fill={muted ? 'none' : 'currentColor'} />
      <path d="M8.4 5.2 L11.1 3.8 V8.2 L8.4 6.8 Z" fill={muted ? 'none' : 'currentColor'} />
      {muted && SLASH}
    </Svg>
  );
}

export function SpeakingGlyph(p: Props) {
  return (
    <Svg {...p} name="speaking">
      <path d="M1.5 4.5 V7.5 M4.2 2.8 V9.2 M6.9 1.5 V10.5 M9.6 3.6 V8.4" strokeWidth={1.5} />
    </Svg>
  );
}

export function PendingGlyph(p: Props) {
  return (
    <Svg {...p} name="pending">
      <path d="M3 1.2 H9 M3 10.8 H9 M3.6 1.2 C3.6 4.4 8.4 4.6 8.4 6 C8.4 7.4 3.6 7.6 3.6 10.8 M8.4 1.2 C8.4 4.4 3.6 4.6 3.6 6 C3.6 7.4 8.4 7.6 8.4 10.8" strokeWidth={1} />
    </Svg>
  );
}
