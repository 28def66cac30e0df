import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useRouter } from '../router/router.js';
import { useSession } from '../auth/session.js';
import { SECTIONS, sectionOf } from '../sections.js';

/**
 * The frame of every page: a skip link, the header with the navigation (seven sections), who is
 * signed in with a sign-out button, and the main region. After each navigation the focus moves
 * to the main region so keyboard and screen-reader users land on the new page.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { path } = useRouter();
  const { session, signOut } = useSession();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const active = sectionOf(path);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  useEffect(() => {
    document.title = active ? `${active.label} · Incident coordination` : 'Incident coordination';
  }, [active]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="brand">Incident coordination</div>
        <nav aria-label="Main">
          <ul>
            {SECTIONS.map((section) => (
              <li key={section.path}>
                <Link to={section.path} aria-current={active === section ? 'page' : undefined}>
                  {section.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {session.status === 'signed-in' ? (
          <div className="who">
            <span>
              {session.actor.name} <span className="role">({session.role.toLowerCase()})</span>
            </span>
            <button type="button" className="secondary" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        ) : null}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
