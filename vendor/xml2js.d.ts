// Types of dist/vendor/xml2js.js, the build's bundle of xml2js (vendor/bundle-xml2js.js):
// the same API as the xml2js package, so its own type definitions describe it.
export * from 'xml2js';
