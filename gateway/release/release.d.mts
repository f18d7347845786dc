/** A built release and its manifest: what both index.d.mts and serve.d.mts describe. */

/** manifest.json beside the tarball: exactly these fields. */
export interface ReleaseManifest {
  /** The gateway's semver (the `version` option when given). */
  version: string;
  /** The protocol's SCHEMA_VERSION the bundle speaks. */
  schema_version: string;
  /** Hex sha256 of the tarball. */
  sha256: string;
  /** The tarball's size in bytes. */
  size: number;
  /** The bundled Node.js version, without the `v`. */
  node: string;
}

export interface Release {
  /** The out dir: the tarball, manifest.json and (once signed) the `.sig`. */
  dir: string;
  /** Absolute path of the tarball. */
  tarball: string;
  /** `vibe-gateway-<version>-linux-x64.tar.gz` */
  tarballName: string;
  manifest: ReleaseManifest;
  /** false when the cached release was reused. */
  built: boolean;
}
