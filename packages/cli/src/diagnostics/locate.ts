// Finds where in infra.config.ts a Diagnostic's config path was written, by reading the source
// with ts-morph: the default export (`export default defineInfra({...})`, a `const` exported
// later, a plain object), then object properties (identifier, string and computed-string keys),
// array elements by index, and identifiers followed to their `const` initialisers in the file.
// Where the value stops being visible in the source (a spread of something computed, a call
// such as a preset builder, an import), the deepest node found is the answer.
import type { Node as MorphNode, ObjectLiteralExpression, SourceFile } from "ts-morph";
import type { Morph } from "./ts-morph.ts";

type Key = string | number;

/** A span of the source, as offsets, and how well it answers the question. */
export interface Found {
  readonly start: number;
  readonly end: number;
  /**
   * "exact": the path's own key or value. "missing": the path ends in a key not written, and the
   * span is the object that lacks it. "opaque": the path goes on inside a value computed at run
   * time (a call, a spread, an import), and the span is that value.
   */
  readonly kind: "exact" | "missing" | "opaque";
}

export interface Locator {
  /** Where `path` was written; with `key`, the key at its end rather than its value. */
  locate(path: readonly Key[], key?: boolean): Found | undefined;
  /** 1-based line and column (UTF-16 units, as editors count) of an offset. */
  position(offset: number): { line: number; column: number };
}

/** Identifier chains longer than this are a cycle (`const a = b, b = a`). */
const MAX_HOPS = 50;

/** Parses `source` (the text of `fileName`) and returns a locator for its exported config. */
export function createLocator(morph: Morph, fileName: string, source: string): Locator {
  const project = new morph.Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { noLib: true, allowJs: true },
  });
  const file = project.createSourceFile(fileName.replace(/^.*[\\/]/, "") || "infra.config.ts", source);
  return new SourceLocator(morph, file);
}

interface Step {
  /** The property name or element itself, when the key was written. */
  readonly keyNode?: MorphNode;
  /** The value as written (before following identifiers). */
  readonly value?: MorphNode;
  /** Set when the key may come from a value that cannot be seen into. */
  readonly opaque?: MorphNode;
}

class SourceLocator implements Locator {
  private readonly keyIndex = new Map<ObjectLiteralExpression, Map<string, MorphNode>>();

  constructor(
    private readonly morph: Morph,
    private readonly file: SourceFile,
  ) {}

  position(offset: number): { line: number; column: number } {
    return this.file.getLineAndColumnAtPos(offset);
  }

  locate(path: readonly Key[], key = false): Found | undefined {
    const root = this.configExpression();
    if (root === undefined) return undefined;
    let written: MorphNode = root;
    let keyNode: MorphNode | undefined;
    for (const segment of path) {
      const value = this.follow(written);
      const step = this.child(value, segment);
      if (step === undefined) return this.missing(value, written, keyNode);
      if (step.opaque !== undefined) return this.span(step.opaque, "opaque");
      if (step.value === undefined) return this.span(step.keyNode ?? value, "opaque");
      written = step.value;
      keyNode = step.keyNode;
    }
    return this.span(key && keyNode !== undefined ? keyNode : written, "exact");
  }

  private span(node: MorphNode, kind: Found["kind"]): Found {
    return { start: node.getStart(), end: node.getEnd(), kind };
  }

  /**
   * A key the object lacks: point at the name the object was given (its own property or const
   * name, else the key it was reached by, as in `pangolin: pangolin({...})`), or else its `{`.
   */
  private missing(value: MorphNode, written: MorphNode, keyNode: MorphNode | undefined): Found {
    const { Node } = this.morph;
    if (!Node.isObjectLiteralExpression(value) && !Node.isArrayLiteralExpression(value)) return this.span(keyNode ?? written, "opaque");
    const parent = value.getParent();
    const own = Node.isPropertyAssignment(parent) || Node.isVariableDeclaration(parent) ? parent.getNameNode() : undefined;
    const reachedBy = keyNode !== undefined && Node.isPropertyAssignment(keyNode.getParent()) ? keyNode : undefined;
    const named = own ?? reachedBy;
    if (named !== undefined) return this.span(named, "missing");
    return { start: value.getStart(), end: value.getStart() + 1, kind: "missing" };
  }

  /** The expression the file exports as its config: `export default …`, else `export const config`. */
  private configExpression(): MorphNode | undefined {
    const { Node } = this.morph;
    const assignment = this.file.getExportAssignment((e) => !e.isExportEquals());
    if (assignment !== undefined) return assignment.getExpression();
    for (const declaration of this.file.getExportDeclarations()) {
      if (declaration.getModuleSpecifier() !== undefined) continue;
      for (const specifier of declaration.getNamedExports()) {
        if ((specifier.getAliasNode()?.getText() ?? specifier.getName()) === "default") return specifier.getNameNode();
      }
    }
    const config = this.file.getVariableDeclaration("config");
    if (config?.isExported()) return config.getInitializer() ?? config.getNameNode();
    const fn = this.file.getDefaultExportSymbol()?.getDeclarations()[0];
    return fn !== undefined && Node.isFunctionDeclaration(fn) ? fn : undefined;
  }

  /**
   * The value an expression stands for, as far as the source shows it: parentheses, `as`,
   * `satisfies` and `!` removed, identifiers followed to `const` initialisers, and typed identity
   * helpers (`defineInfra(x)`, any `defineX(x)`, `pangolin(x)`) replaced by their argument.
   */
  private follow(node: MorphNode): MorphNode {
    const { Node } = this.morph;
    let current = node;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      let next: MorphNode | undefined;
      if (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isSatisfiesExpression(current)) {
        next = current.getExpression();
      } else if (Node.isNonNullExpression(current) || Node.isTypeAssertion(current)) {
        next = current.getExpression();
      } else if (Node.isIdentifier(current) || Node.isShorthandPropertyAssignment(current)) {
        next = this.constInitializer(current.getText().trim());
      } else if (Node.isCallExpression(current) && isDefineCall(current.getExpression().getText())) {
        next = current.getArguments()[0];
      }
      if (next === undefined) return current;
      current = next;
    }
    return current;
  }

  private constInitializer(name: string): MorphNode | undefined {
    const declaration = this.file.getVariableDeclaration(name);
    if (declaration === undefined || declaration.getVariableStatement()?.getDeclarationKind() !== "const") return undefined;
    return declaration.getInitializer();
  }

  private child(value: MorphNode, segment: Key): Step | undefined {
    const { Node } = this.morph;
    if (Node.isObjectLiteralExpression(value)) return this.property(value, String(segment));
    if (Node.isArrayLiteralExpression(value) && typeof segment === "number") return this.element(value.getElements(), segment);
    // Anything else (a call, an import, a computed value) holds the rest of the path invisibly.
    return { opaque: value };
  }

  /** The last property named `key`, as JavaScript keeps the last; spreads are looked into. */
  private property(object: ObjectLiteralExpression, key: string): Step | undefined {
    const { Node } = this.morph;
    const named = this.namedProperties(object).get(key);
    const properties = object.getProperties();
    const from = named === undefined ? -1 : properties.indexOf(named as never);
    // A spread after the named property could override it; before it, it cannot.
    for (let i = properties.length - 1; i > from; i--) {
      const property = properties[i];
      if (!Node.isSpreadAssignment(property)) continue;
      const spread = this.follow(property.getExpression());
      if (!Node.isObjectLiteralExpression(spread)) return { opaque: property };
      const inner = this.property(spread, key);
      if (inner !== undefined) return inner;
    }
    if (named === undefined) return undefined;
    if (Node.isPropertyAssignment(named)) return { keyNode: named.getNameNode(), value: named.getInitializerOrThrow() };
    if (Node.isShorthandPropertyAssignment(named)) return { keyNode: named.getNameNode(), value: named.getNameNode() };
    return { keyNode: named, opaque: named };
  }

  /** Key → last property with that key, built once per object (objects can have 10,000 keys). */
  private namedProperties(object: ObjectLiteralExpression): Map<string, MorphNode> {
    const cached = this.keyIndex.get(object);
    if (cached !== undefined) return cached;
    const { Node } = this.morph;
    const index = new Map<string, MorphNode>();
    for (const property of object.getProperties()) {
      if (Node.isSpreadAssignment(property)) continue;
      const name = this.keyOf(property.getNameNode());
      if (name !== undefined) index.set(name, property);
    }
    this.keyIndex.set(object, index);
    return index;
  }

  /** The key a property name stands for: `a`, `"a.b"`, `1`, `["a"]`, `[NAME]` with a const string. */
  private keyOf(name: MorphNode): string | undefined {
    const { Node } = this.morph;
    if (Node.isIdentifier(name) || Node.isPrivateIdentifier(name)) return name.getText();
    if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) return name.getLiteralValue();
    if (Node.isNumericLiteral(name)) return String(name.getLiteralValue());
    if (!Node.isComputedPropertyName(name)) return undefined;
    const expression = this.follow(name.getExpression());
    if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression)) return expression.getLiteralValue();
    if (Node.isNumericLiteral(expression)) return String(expression.getLiteralValue());
    return undefined;
  }

  private element(elements: MorphNode[], index: number): Step | undefined {
    const { Node } = this.morph;
    let at = 0;
    for (const element of elements) {
      if (Node.isSpreadElement(element)) {
        const spread = this.follow(element.getExpression());
        if (!Node.isArrayLiteralExpression(spread)) return { opaque: element };
        const inner = spread.getElements();
        if (index < at + inner.length) return this.element(inner, index - at);
        at += inner.length;
      } else if (at === index) {
        return { keyNode: element, value: element };
      } else {
        at++;
      }
    }
    return undefined;
  }
}

/**
 * `defineInfra`, `gen.defineInfra`, `defineHost`: typed identity helpers, by convention; and
 * gen-nix's own builders that return their argument unchanged (`pangolin({...})`).
 */
function isDefineCall(callee: string): boolean {
  return /(^|\.)(define[A-Z]\w*|pangolin)$/.test(callee);
}
