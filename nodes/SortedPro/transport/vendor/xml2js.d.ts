// Types of vendor/xml2js.js beside this file, the build's bundle of xml2js (gulpfile.js):
// the same API as the xml2js package, so its own type definitions describe it.
export * from 'xml2js';
