/* juece workbench: small vanilla JS, no build step. Pages work without it except the schema form. */
"use strict";

function $(sel, root) { return (root || document).querySelector(sel); }
function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
function el(tag, attrs, kids) {
  var e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
  });
  (kids || []).forEach(function (c) { if (c) e.appendChild(c); });
  return e;
}

/* ---- findings: filter as you type; a reason is required for 不采纳 and 已整改 ---- */
function initFindings() {
  var box = $("#finding-filter");
  if (box) box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    $all("article.finding").forEach(function (a) {
      a.hidden = q !== "" && a.textContent.toLowerCase().indexOf(q) < 0;
    });
  });
  $all("form.dispose").forEach(function (f) {
    var text = $(".dtext-input", f);
    $all("input[name=status]", f).forEach(function (r) {
      r.addEventListener("change", function () { text.required = (r.value !== "accepted"); });
    });
  });
}

/* ---- the dossier form, generated from the dossier JSON Schema ---- */
var DATE_HINT = "\\d{4}";
function nonNull(s) {
  if (s && s.anyOf) {
    var rest = s.anyOf.filter(function (x) { return x.type !== "null"; });
    if (rest.length === 1) return Object.assign({}, s, rest[0], { anyOf: undefined });
  }
  return s;
}
function deref(schema, s) {
  if (s && s.$ref) return Object.assign({}, schema.$defs[s.$ref.split("/").pop()], { description: s.description, zh: s.zh });
  return s;
}
function kindOf(schema, s) {
  s = deref(schema, nonNull(s));
  if (!s) return { kind: "text" };
  if (s.anyOf && s.anyOf.some(function (x) { return x.type === "boolean"; })) return { kind: "bool" };
  if (s.type === "boolean") return { kind: "bool" };
  if (s.enum) return { kind: "enum", values: s.enum };
  if (s.type === "integer" || s.type === "number") return { kind: "number" };
  if (s.type === "string" && s.pattern && s.pattern.indexOf(DATE_HINT) >= 0 && s.pattern.indexOf("年") >= 0) return { kind: "date" };
  if (s.type === "array") {
    var it = deref(schema, nonNull(s.items || {}));
    if (it && (it.type === "string" || it.enum)) return { kind: "list" };
    return { kind: "skip" };
  }
  if (s.type === "object" || s.properties) return { kind: "skip" };
  return { kind: "text" };
}
function primaryProps(props) {
  /* each field is listed under its English name and its Chinese aliases; show it once, by its first Chinese name */
  return Object.keys(props).filter(function (k) {
    var z = props[k].zh;
    return z && z.split("|")[0] === k;
  });
}
function enumOptions(values) {
  /* ["drafting", "起草", "起草阶段", "legality_review", "送审", …] → [[value, 中文 label]] */
  var out = [], cur = null;
  values.forEach(function (v) {
    var s = String(v);
    if (/^[\x00-\x7f]+$/.test(s)) { cur = [s, s]; out.push(cur); }
    else if (cur && cur[1] === cur[0]) cur[1] = s;
    else if (!cur) out.push([s, s]);
  });
  return out;
}
function field(schema, name, s, t) {
  var k = kindOf(schema, s), input;
  var desc = (nonNull(s).description || "");
  if (k.kind === "skip") return null;
  if (k.kind === "bool") {
    input = el("select", {}, [el("option", { value: "", text: "—" }), el("option", { value: "是", text: t.yes }), el("option", { value: "否", text: t.no })]);
  } else if (k.kind === "enum") {
    input = el("select", {}, [el("option", { value: "", text: "—" })]);
    enumOptions(k.values).forEach(function (o) { input.appendChild(el("option", { value: o[0], text: o[1] })); });
  } else if (k.kind === "date") {
    input = el("input", { type: "date" });
  } else if (k.kind === "number") {
    input = el("input", { type: "number", min: "0" });
  } else {
    input = el("input", { type: "text" });
    if (k.kind === "list") input.placeholder = "、";
  }
  input.dataset.key = name;
  input.dataset.kind = k.kind;
  return el("label", { title: desc, "class": "field" }, [el("span", { text: name }), input]);
}
function collect(root) {
  var obj = {};
  $all("[data-key]", root).forEach(function (i) {
    if (i.closest(".record") && !root.classList.contains("record")) return;
    var v = i.value.trim();
    if (v === "") return;
    if (i.dataset.kind === "number") obj[i.dataset.key] = Number(v);
    else if (i.dataset.kind === "list") obj[i.dataset.key] = v.split(/[、,，;；\n]+/).map(function (x) { return x.trim(); }).filter(Boolean);
    else obj[i.dataset.key] = v;
  });
  return obj;
}
function initForm() {
  var form = $("#schema-form");
  if (!form) return;
  var t = JSON.parse($("#i18n").innerHTML);
  fetch(form.dataset.schema, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (schema) {
    var props = schema.properties, skip = { "情形": 1, "程序": 1, "豁免": 1, "决策事项目录": 1 };
    primaryProps(props).forEach(function (k) {
      if (skip[k]) return;
      var f = field(schema, k, props[k], t);
      if (f) $("#general").appendChild(f);
    });
    var trig = deref(schema, props["情形"]);
    primaryProps(trig.properties || {}).forEach(function (k) {
      var f = field(schema, k, trig.properties[k], t);
      if (f) $("#triggers").appendChild(f);
    });
    // the schema picks a record's format by its 类型 (if/then; older schemas used oneOf)
    var items = props["程序"].items, refs = items.oneOf || (items.allOf || []).filter(function (x) {
      return x.then && x.then.$ref;
    }).map(function (x) { return x.then; });
    var types = refs.map(function (r) {
      var name = r.$ref.split("/").pop(), d = schema.$defs[name];
      var tv = (d.properties.type || d.properties["类型"]).enum;
      return { def: d, value: tv[0], label: tv.filter(function (x) { return !/^[\x00-\x7f]+$/.test(x); })[0] || tv[0] };
    });
    var sel = $("#record-type");
    types.forEach(function (ty, i) { sel.appendChild(el("option", { value: String(i), text: ty.label })); });
    $("#add-record").addEventListener("click", function () {
      var ty = types[Number(sel.value)];
      var box = el("fieldset", { "class": "record", "data-type": ty.label }, [el("legend", { text: ty.label })]);
      primaryProps(ty.def.properties).forEach(function (k) {
        if (k === "类型") return;
        var f = field(schema, k, ty.def.properties[k], t);
        if (f) box.appendChild(f);
      });
      var rm = el("button", { type: "button", "class": "link", text: t.remove });
      rm.addEventListener("click", function () { box.remove(); });
      box.appendChild(rm);
      $("#records").appendChild(box);
    });
    function build() {
      var obj = collect($("#general"));
      var tr = collect($("#triggers"));
      if (Object.keys(tr).length) obj["情形"] = tr;
      obj["程序"] = $all("#records .record").map(function (r) {
        return Object.assign({ "类型": r.dataset.type }, collect(r));
      });
      return JSON.stringify(obj, null, 2);
    }
    $("#preview").addEventListener("click", function () { var p = $("#preview-out"); p.textContent = build(); p.hidden = false; });
    form.addEventListener("submit", function () { $("#form-json").value = build(); });
    form.dataset.ready = "1";
  });
}

document.addEventListener("DOMContentLoaded", function () { initFindings(); initForm(); });
