import { describe, expect, it } from 'vitest';
import { mirrorFromSources } from '../../../lab/rootfs/apt-mirror.js';

const DEB822 = `Types: deb
# http://snapshot.example/archive/debian/20250520T000000Z
URIs: http://mirror.example/debian/
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
`;

describe('mirrorFromSources', () => {
  it('reads the URIs of the deb822 stanza that serves the suite', () => {
    expect(mirrorFromSources([{ path: '/etc/apt/sources.list.d/debian.sources', text: DEB822 }], 'bookworm')).toBe(
      'http://mirror.example/debian',
    );
  });

  it('does not take a security or updates suite for the release itself', () => {
    const text = 'Types: deb\nURIs: http://sec.example/debian-security\nSuites: bookworm-security\n';
    expect(mirrorFromSources([{ path: 'x.sources', text }], 'bookworm')).toBeUndefined();
  });

  it('skips disabled stanzas and deb-src', () => {
    const text = 'Types: deb\nURIs: http://off.example/debian\nSuites: bookworm\nEnabled: no\n\nTypes: deb-src\nURIs: http://src.example/debian\nSuites: bookworm\n';
    expect(mirrorFromSources([{ path: 'x.sources', text }], 'bookworm')).toBeUndefined();
  });

  it('reads one-line sources with options and comments, in file order', () => {
    const list = '# deb http://old.example/debian bookworm main\ndeb-src http://src.example/debian bookworm main\ndeb [arch=amd64 signed-by=/k.gpg] http://one.example/debian bookworm main\n';
    expect(
      mirrorFromSources(
        [
          { path: '/etc/apt/sources.list', text: list },
          { path: '/etc/apt/sources.list.d/debian.sources', text: DEB822 },
        ],
        'bookworm',
      ),
    ).toBe('http://one.example/debian');
  });
});
