// Compile-time cross-references: with `defineInfra`'s literal types, a name that points at
// another part of the config (a site's app, an app's database, a package's flake input, a
// container's dependency) must be one of the names declared there, so a typo is an error in the
// editor before `resolveInfra` reports it at run time (check-host.ts, check-infra.ts).
//
// Only fields the config actually has are constrained (`Field`), which keeps every other field
// to the schema's type and never yields an all-optional ("weak") type TypeScript would reject
// for sharing no key with the value. Where nothing of the kind is declared, the expected type is
// a sentence rather than `never`, so the editor shows
// `Type '"web"' is not assignable to type '"(no apps on this host)"'`.

/** String keys of `X`, or never when `X` is not an object. */
type Names<X> = X extends object ? Extract<keyof X, string> : never;
/** `N`, or the sentence `Why` when `N` is empty. */
type OrSay<N, Why extends string> = [N] extends [never] ? Why : N;
/** The value at key `K`, or undefined when `X` lacks it. */
type At<X, K extends string> = X extends { readonly [P in K]?: infer V } ? V : undefined;
/**
 * What the editor shows for a name that is not declared:
 * `Type '"mydb"' is not assignable to type 'UnknownName<"database", "myapp" | "reports">'`. An object
 * type, not the union of names: intersected with the value's own literal type a union would
 * reduce the whole enclosing object to `never` and put errors on every sibling field.
 */
export interface UnknownName<What extends string, Known> {
  readonly unknown: What;
  readonly known: Known;
}
/** No constraint when `V` is one of `Known`. */
type Ref<V, Known, What extends string> = [V] extends [Known] ? unknown : UnknownName<What, Known>;
/** `{ K: V }` when `X` has the key `K`; no constraint otherwise. */
type Field<X, K extends string, V> = X extends { readonly [P in K]: unknown } ? { readonly [P in K]: V } : unknown;
type InputNames<T> = OrSay<Names<At<T, "inputs">>, "(no flake inputs declared in inputs)">;
type AppNames<H> = OrSay<Names<At<H, "apps">>, "(no apps on this host)">;
type DatabaseNames<H> = OrSay<
  At<At<H, "postgres">, "databases"> extends readonly (infer D)[] ? D : never,
  "(no postgres databases on this host)"
>;
/** The containers of one stack: dependsOn and networkMode may name only those (check-stacks.ts). */
type ContainerNames<S> = OrSay<Names<At<S, "containers">>, "(no containers in this stack)">;

type PackageReferences<P, I> = Field<P, "input", Ref<At<P, "input">, I, "flake input">>;

type AppReferences<A, D, I> = Field<A, "database", Ref<At<A, "database">, D, "database">> &
  Field<A, "package", PackageReferences<At<A, "package">, I>>;

type DependsOnReferences<X, C> = X extends readonly unknown[]
  ? { readonly [I in keyof X]: Ref<X[I], C, "container"> }
  : { readonly [K in keyof X]: Ref<K, C, "container"> };

type ContainerReferences<X, C extends string> = Field<X, "dependsOn", DependsOnReferences<At<X, "dependsOn">, C>> &
  Field<X, "networkMode", Ref<At<X, "networkMode">, "host" | "none" | `service:${C}`, "network mode">>;

type StackReferences<S> = Field<
  S,
  "containers",
  { readonly [K in keyof At<S, "containers">]: ContainerReferences<At<S, "containers">[K], ContainerNames<S>> }
>;

type SiteReferences<Site, H> = Field<Site, "app", Ref<At<Site, "app">, AppNames<H>, "app">>;

type HostReferences<H, I> = Field<
  H,
  "apps",
  { readonly [A in keyof At<H, "apps">]: AppReferences<At<H, "apps">[A], DatabaseNames<H>, I> }
> &
  Field<
    H,
    "caddy",
    Field<At<H, "caddy">, "sites", { readonly [D in keyof At<At<H, "caddy">, "sites">]: SiteReferences<At<At<H, "caddy">, "sites">[D], H> }>
  > &
  Field<H, "stacks", { readonly [S in keyof At<H, "stacks">]: StackReferences<At<H, "stacks">[S]> }>;

/**
 * The reference fields of config `T`: no constraint where a reference names something declared,
 * `UnknownName<what, known names>` where it does not. `defineInfra` intersects it into its parameter.
 */
export type References<T> = Field<
  T,
  "hosts",
  { readonly [H in keyof At<T, "hosts">]: HostReferences<At<T, "hosts">[H], InputNames<T>> }
>;
