/// <reference types="vite/client" />

import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown in the document title and used as the page's name. */
    title?: string
    /** Reachable without a session (the login page, the 404 page). */
    public?: boolean
    /** A page of the public side (issue 19): its own frame, never the staff navigation. */
    publicSite?: boolean
    /** Roles that may open the screen; absent means every signed-in user. */
    roles?: readonly string[]
  }
}
