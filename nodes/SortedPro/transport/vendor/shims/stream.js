'use strict';
// Stands in for Node's `stream` module inside the xml2js bundle. sax reads `Stream` from
// it only for its SAXStream (createStream), which xml2js does not use; with no `Stream`
// here sax falls back to a plain function, as it does where `stream` is missing.

module.exports = {};
