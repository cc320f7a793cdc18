// Starts GraphiQL on the page that loaded it. The endpoints come from the page's #graphiql
// element (data-endpoint, data-subscription-endpoint), so the page carries no inline script and
// a Content-Security-Policy of script-src 'self' holds. Written for decision-engine; not part of
// GraphiQL.
(function () {
  var root = document.getElementById("graphiql");
  function absolute(path, websocket) {
    var url = new URL(path, window.location.origin);
    if (websocket) {
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    }
    return url.toString();
  }
  var fetcher = GraphiQL.createFetcher({
    url: absolute(root.dataset.endpoint, false),
    subscriptionUrl: absolute(root.dataset.subscriptionEndpoint, true),
  });
  root.textContent = "";
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultHeaders: '{"Authorization": "Bearer "}',
    })
  );
})();
