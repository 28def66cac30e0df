import { Suspense } from 'react';
import { Layout } from './components/layout.js';
import { Loading } from './components/error-message.js';
import { SignInPage } from './auth/sign-in-page.js';
import { SessionProvider, useSession } from './auth/session.js';
import { RouterProvider, useRouter } from './router/router.js';
import { sectionOf } from './sections.js';

function Routes() {
  const { session } = useSession();
  const { path } = useRouter();
  if (session.status === 'loading') return <Loading what="your session" />;
  if (session.status === 'signed-out') return <SignInPage oidc={session.oidc} message={session.message} />;
  const section = sectionOf(path);
  if (!section)
    return (
      <section>
        <h1>Page not found</h1>
        <p>There is no page at {path}. Choose one in the navigation above.</p>
      </section>
    );
  const Page = section.page;
  return (
    <Suspense fallback={<Loading what={section.label} />}>
      <Page />
    </Suspense>
  );
}

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <Layout>
          <Routes />
        </Layout>
      </SessionProvider>
    </RouterProvider>
  );
}
