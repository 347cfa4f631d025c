/** Settings shared by test files, so that each distinct build is made once per run (see sharedBuild). */

/** The samples deployed under a subpath: the link checks and the browser walk read this build. */
export const BASE_PATH_SETTINGS = { SITE_URL: 'https://example.org', BASE_PATH: '/news/' };
