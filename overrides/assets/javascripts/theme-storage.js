// Material for MkDocs' inline head script (partials/javascripts/base.html, 9.8.2), as a file:
// a strict Content-Security-Policy runs no inline script. Its helpers stay globals, as
// Material's bundle expects; the scope comes from the script tag's data-scope.
/* eslint-disable no-unused-vars */
var __md_scope = new URL(document.currentScript.getAttribute("data-scope") || ".", location);
var __md_hash = function (value) {
  return Array.from(value).reduce(function (hash, char) {
    return (hash << 5) - hash + char.charCodeAt(0);
  }, 0);
};
var __md_get = function (key, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  return JSON.parse(storage.getItem(scope.pathname + "." + key));
};
var __md_set = function (key, value, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // storage full or blocked: the setting is not remembered
  }
};
