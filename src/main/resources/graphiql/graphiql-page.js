// GraphiQL against Ordergraph: queries and mutations over HTTP POST, subscriptions over graphql-transport-ws.
// Whatever the Headers tab holds goes with every HTTP request and, for subscriptions, in connection_init's payload
// (that is where the server reads the token from: never the URL).
(function () {
  'use strict';

  // Shown in the Headers tab: a hint, not a token. Sent as is, it would be refused as an invalid token.
  var TOKEN_HINT = 'Bearer <paste an access token here>';
  var DEFAULT_HEADERS = '{\n  "Authorization": "' + TOKEN_HINT + '"\n}';
  var DEFAULT_QUERY = [
    '# Ordergraph\'s GraphQL API.',
    '#',
    '# Put an access token in the Headers tab below: {"Authorization": "Bearer <token>"}.',
    '# Queries and mutations go over HTTP; subscriptions over WebSocket (graphql-transport-ws),',
    '# with the same headers in connection_init. Ctrl-Enter runs the operation.',
    '',
    '{',
    '  me {',
    '    subject',
    '    roles',
    '    permissions',
    '  }',
    '}',
    ''
  ].join('\n');

  var container = document.getElementById('graphiql');
  var httpUrl = new URL(container.dataset.http || '/graphql', location.href).href;
  var webSocketUrl = container.dataset.websocket
    ? new URL(container.dataset.websocket, location.href).href.replace(/^http/, 'ws')
    : null;

  // The headers as the server should see them: without the hint, and with string values only.
  function requestHeaders(headers) {
    var out = {};
    Object.keys(headers || {}).forEach(function (name) {
      var value = headers[name];
      if (value === undefined || value === null) {
        return;
      }
      if (name.toLowerCase() === 'authorization' && value === TOKEN_HINT) {
        return;
      }
      out[name] = String(value);
    });
    return out;
  }

  // The operations of a document, {operation, name} each, read from its text (not from GraphiQL's parsed document,
  // which lags behind the editor): top-level keywords outside strings, comments and selection sets.
  function operationsOf(text) {
    var operations = [];
    var depth = 0;
    var current = null; // the definition whose selection set comes next
    var named = false;
    var i = 0;
    while (i < text.length) {
      var c = text[i];
      if (c === '#') {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') { i++; }
        continue;
      }
      if (c === '"') {
        if (text.substr(i, 3) === '"""') {
          var end = text.indexOf('"""', i + 3);
          i = (end < 0) ? text.length : end + 3;
        } else {
          i++;
          while (i < text.length && text[i] !== '"' && text[i] !== '\n') { i += (text[i] === '\\') ? 2 : 1; }
          i++;
        }
        continue;
      }
      if (c === '{' || c === '(' || c === '[') {
        if (depth === 0 && c === '{') {
          if (current === null) {
            operations.push({ operation: 'query', name: null });
          }
          current = null;
        }
        if (depth === 0 && current !== null) {
          named = true; // variables or arguments: no name after them
        }
        depth++;
      } else if (c === '}' || c === ')' || c === ']') {
        depth--;
      } else if (depth === 0 && c === '@') {
        named = true;
      } else if (depth === 0 && /[_A-Za-z]/.test(c)) {
        var word = /^[_A-Za-z][_0-9A-Za-z]*/.exec(text.substr(i))[0];
        if (current !== null) {
          if (!named) {
            current.name = word;
            named = true;
          }
        } else if (word === 'query' || word === 'mutation' || word === 'subscription' || word === 'fragment') {
          current = { operation: word, name: null };
          named = false;
          if (word !== 'fragment') {
            operations.push(current);
          }
        }
        i += word.length;
        continue;
      }
      i++;
    }
    return operations;
  }

  function isSubscription(params) {
    var operations = operationsOf(params.query || '');
    if (params.operationName) {
      operations = operations.filter(function (o) { return o.name === params.operationName; });
    }
    return operations.length > 0 && operations[0].operation === 'subscription';
  }

  function fetchOverHttp(params, headers) {
    return fetch(httpUrl, {
      method: 'POST',
      headers: Object.assign({
        'Content-Type': 'application/json',
        'Accept': 'application/graphql-response+json, application/json'
      }, headers),
      body: JSON.stringify(params),
      credentials: 'omit'
    }).then(function (response) {
      return response.text().then(function (text) {
        try {
          return JSON.parse(text);
        } catch (e) {
          return { errors: [{ message: 'HTTP ' + response.status + ' without a GraphQL body' }] };
        }
      });
    });
  }

  // One graphql-ws client (one socket, opened on first use) per distinct set of headers: a new token in the Headers
  // tab opens a new connection with it, while subscriptions started with the old one carry on until stopped.
  var clients = new Map();
  var MAX_CLIENTS = 4;

  function webSocketClient(headers) {
    var key = JSON.stringify(headers);
    var client = clients.get(key);
    if (!client) {
      if (clients.size >= MAX_CLIENTS) {
        var oldest = clients.keys().next().value;
        clients.get(oldest).dispose();
        clients.delete(oldest);
      }
      client = graphqlWs.createClient({
        url: webSocketUrl,
        connectionParams: function () { return headers; },
        lazy: true,
        retryAttempts: 3
      });
      clients.set(key, client);
    }
    return client;
  }

  function closeMessage(event) {
    var reason = event && event.reason ? ': ' + event.reason : '';
    return 'The WebSocket closed (' + (event && event.code) + reason + ')';
  }

  // An Observable, as GraphiQL expects of a subscription: each result is shown as it arrives.
  function subscribeOverWebSocket(params, headers) {
    return {
      subscribe: function (observer) {
        if (!webSocketUrl) {
          observer.next({ errors: [{ message: 'Subscriptions need the WebSocket endpoint, which is off' }] });
          observer.complete();
          return { unsubscribe: function () {} };
        }
        var dispose = webSocketClient(headers).subscribe(params, {
          next: function (result) { observer.next(result); },
          error: function (error) {
            if (Array.isArray(error)) {
              observer.next({ errors: error });
            } else if (error && typeof error.code === 'number') {
              observer.next({ errors: [{ message: closeMessage(error) }] });
            } else {
              observer.next({ errors: [{ message: String((error && error.message) || error) }] });
            }
            observer.complete();
          },
          complete: function () { observer.complete(); }
        });
        return { unsubscribe: dispose };
      }
    };
  }

  function fetcher(params, options) {
    var headers = requestHeaders(options && options.headers);
    if (isSubscription(params)) {
      return subscribeOverWebSocket(params, headers);
    }
    return fetchOverHttp(params, headers);
  }

  // GraphiQL keeps its tabs and history in localStorage, history and favourites with each run's headers: tokens
  // among them. This storage keeps all of it but the headers.
  function withoutHeaders(value) {
    try {
      return JSON.stringify(JSON.parse(value), function (key, item) { return key === 'headers' ? null : item; });
    } catch (e) {
      return value;
    }
  }

  var storage = {
    getItem: function (key) { return localStorage.getItem(key); },
    setItem: function (key, value) {
      if (/(^|:)headers$/.test(key)) {
        return;
      }
      localStorage.setItem(key, withoutHeaders(value));
    },
    removeItem: function (key) { localStorage.removeItem(key); },
    clear: function () { localStorage.clear(); },
    get length() { return localStorage.length; }
  };

  ReactDOM.createRoot(container).render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: DEFAULT_QUERY,
    defaultHeaders: DEFAULT_HEADERS,
    defaultEditorToolsVisibility: 'headers',
    // tokens stay in this tab's memory: never written to localStorage
    shouldPersistHeaders: false,
    storage: storage
  }));
})();
