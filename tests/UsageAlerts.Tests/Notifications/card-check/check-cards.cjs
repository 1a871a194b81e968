// Checks Adaptive Cards the way Teams' web client reads them: Microsoft's renderer (npm adaptivecards) parses each
// card against version 1.4 with the Microsoft Teams host config, validates it and renders it into a jsdom page.
//
// Usage: node check-cards.cjs [cards.json]      (without a file, reads standard input)
// Input: a JSON object of named cards, {"name": {"type": "AdaptiveCard", ...}, ...} (the attachment's content).
// Output: a JSON object {"name": ["problem", ...], ...} on standard output, an empty list for a good card.
// Exit code: 0 when every card is good, 1 when any has a problem, 2 when the check itself cannot run.
//
// The renderer drops what it does not understand without complaint, so besides its own parse and validation events
// this reports every property its schema for that element does not know, and every element or action it parsed
// but did not draw. The packages come from .tools/card-check, which scripts/setup installs from package-lock.json.
"use strict";

const fs = require("fs");
const path = require("path");

const toolsDir = path.resolve(__dirname, "..", "..", "..", "..", ".tools", "card-check", "node_modules");
const maxVersion = "1.4";

// Properties a host may add to the card root: Teams reads msteams (width) and ignores it elsewhere.
const hostExtensions = new Set(["msteams"]);

function fail(message) {
  process.stderr.write(`check-cards: ${message}\n`);
  process.exit(2);
}

function load() {
  const resolve = (request) => {
    try {
      return require.resolve(request, { paths: [toolsDir] });
    } catch {
      fail(`${request} is not installed under ${toolsDir}; run scripts/setup`);
    }
  };
  const { JSDOM, VirtualConsole } = require(resolve("jsdom"));
  const hostConfig = JSON.parse(fs.readFileSync(resolve("adaptivecards-designer/lib/hostConfigs/microsoft-teams-light.json"), "utf8"));
  const bundle = fs.readFileSync(resolve("adaptivecards/dist/adaptivecards.js"), "utf8");

  // Anything the page logs (a script error, the renderer's console.warn) is a problem of the card being checked.
  const logged = [];
  const virtualConsole = new VirtualConsole();
  for (const level of ["error", "warn"]) {
    virtualConsole.on(level, (...args) => logged.push(`console.${level}: ${args.join(" ")}`));
  }
  virtualConsole.on("jsdomError", (error) => logged.push(`page error: ${error.message}`));

  const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", { runScripts: "outside-only", virtualConsole });
  dom.window.eval(bundle);
  const AC = dom.window.AdaptiveCards;
  if (!AC || !AC.AdaptiveCard) {
    fail("the adaptivecards bundle did not load into the page");
  }

  // Teams renders markdown itself; the check draws text as typed instead of warning once per run.
  AC.AdaptiveCard.onProcessMarkdown = (_text, result) => {
    result.didProcess = false;
  };

  return { AC, dom, hostConfig: new AC.HostConfig(hostConfig), logged };
}

// Keys each parsed object reads outside its schema (collections and fallback, parsed by hand in the renderer).
function handledOutsideSchema(AC, object) {
  const keys = [];
  if (typeof object.getItemsCollectionPropertyName === "function") keys.push(object.getItemsCollectionPropertyName());
  if (object instanceof AC.CardObject) keys.push("fallback");
  if (object instanceof AC.ColumnSet) keys.push("columns");
  if (object instanceof AC.ActionSet || object instanceof AC.ContainerWithActions) keys.push("actions");
  if (object instanceof AC.RichTextBlock) keys.push("inlines");
  if (object instanceof AC.ShowCardAction) keys.push("card");
  if (object instanceof AC.AdaptiveCard && !object.parent) keys.push(...hostExtensions);
  return keys;
}

function watchUnknownProperties(AC, report) {
  const parse = AC.SerializableObject.prototype.internalParse;
  AC.SerializableObject.prototype.internalParse = function (source, context) {
    parse.call(this, source, context);
    if (!source || typeof source !== "object" || Array.isArray(source)) return;
    const schema = this.getSchema();
    const known = new Set(handledOutsideSchema(AC, this));
    for (let i = 0; i < schema.getCount(); i++) known.add(schema.getItemAt(i).name);
    const owner = typeof this.getJsonTypeName === "function" ? this.getJsonTypeName() : this.getSchemaKey();
    for (const key of Object.keys(source)) {
      if (!known.has(key)) report(`${owner}: unknown property "${key}"`);
    }
  };
}

// Every element and action the renderer parsed, so that one it silently left out of the page is caught.
function* parsedObjects(AC, element) {
  yield element;
  if (element instanceof AC.CardElementContainer) {
    for (let i = 0; i < element.getItemCount(); i++) yield* parsedObjects(AC, element.getItemAt(i));
  }
  for (let i = 0; i < element.getActionCount(); i++) yield element.getActionAt(i);
}

function check(env, card) {
  const { AC, dom, hostConfig, logged } = env;
  const problems = [];
  env.report = (problem) => problems.push(problem);
  logged.length = 0;

  if (!card || typeof card !== "object" || Array.isArray(card)) return ["not a JSON object"];

  const version = AC.Version.parse(card.version, new AC.SerializationContext());
  if (!version || !version.isValid || version.compareTo(AC.Version.parse(maxVersion)) > 0) {
    problems.push(`card version ${JSON.stringify(card.version)} is not 1.0 to ${maxVersion}, the versions Teams renders`);
  }

  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = hostConfig;
  adaptiveCard.maxVersion = AC.Version.parse(maxVersion);
  const context = new AC.SerializationContext(AC.Version.parse(maxVersion));
  adaptiveCard.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }

  for (const event of adaptiveCard.validateProperties().validationEvents) {
    problems.push(`validation: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }

  const host = dom.window.document.body;
  host.replaceChildren();
  const rendered = adaptiveCard.render(host);
  if (!rendered) {
    problems.push("render: the renderer drew nothing");
  } else {
    for (const object of parsedObjects(AC, adaptiveCard)) {
      if (!object.renderedElement) problems.push(`render: a ${object.getJsonTypeName()} was parsed but not drawn`);
    }
  }

  problems.push(...logged);
  return problems;
}

function main() {
  const file = process.argv[2];
  let input;
  try {
    input = JSON.parse(fs.readFileSync(file ?? 0, "utf8"));
  } catch (error) {
    fail(`cannot read the cards: ${error.message}`);
  }
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    fail('the input must be a JSON object of named cards: {"name": {"type": "AdaptiveCard", ...}}');
  }

  const env = load();
  watchUnknownProperties(env.AC, (problem) => env.report(problem));

  const results = {};
  for (const [name, card] of Object.entries(input)) {
    results[name] = check(env, card);
  }
  process.stdout.write(JSON.stringify(results, null, 1) + "\n");
  process.exitCode = Object.values(results).some((problems) => problems.length > 0) ? 1 : 0;
}

main();
