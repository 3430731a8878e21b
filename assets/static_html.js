// The browser half of components/static_html.py: a static part of a page (a table, a list of notes)
// served as its outer element and its inner HTML, which the browser parses natively instead of React
// building a component for every cell.
window.dashboard_static = Object.assign({}, window.dashboard_static, {
  StaticHtml: function StaticHtml(props) {
    var attributes = Object.assign({}, props.attributes, {dangerouslySetInnerHTML: {__html: props.html || ""}});
    return window.React.createElement(props.tag || "div", attributes);
  }
});
