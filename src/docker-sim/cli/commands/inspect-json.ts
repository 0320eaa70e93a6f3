/**
 * The JSON documents `docker inspect` prints for containers and images: the fields a learner
 * looks at (Config.Env, Mounts, HostConfig.Tmpfs...) with Docker's names, order and shapes.
 */
import { goTime } from "../../engine/clock.ts";
import { imageSize, type Image } from "../../images/image.ts";
import type { Container } from "../../containers/container.ts";

const ZERO_TIME = "0001-01-01T00:00:00Z";

export function containerInspect(c: Container): Record<string, unknown> {
  const running = c.status === "running";
  return {
    Id: c.id,
    Created: goTime(c.created),
    Path: c.path,
    Args: c.args,
    State: {
      Status: c.status,
      Running: running,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: running ? 4242 : 0,
      ExitCode: c.exitCode,
      Error: c.error,
      StartedAt: c.startedAt ? goTime(c.startedAt) : ZERO_TIME,
      FinishedAt: c.finishedAt ? goTime(c.finishedAt) : ZERO_TIME,
    },
    Image: c.image.id,
    ResolvConfPath: `/var/lib/docker/containers/${c.id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${c.id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${c.id}/hosts`,
    LogPath: `/var/lib/docker/containers/${c.id}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: 0,
    Driver: "overlay2",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: null,
    HostConfig: {
      Binds: c.hostConfig.Binds,
      ContainerIDFile: c.hostConfig.ContainerIDFile,
      LogConfig: { Type: "json-file", Config: {} },
      NetworkMode: c.hostConfig.NetworkMode,
      PortBindings: c.hostConfig.PortBindings,
      RestartPolicy: { Name: "no", MaximumRetryCount: 0 },
      AutoRemove: c.hostConfig.AutoRemove,
      ...(c.hostConfig.Mounts ? { Mounts: c.hostConfig.Mounts } : {}),
      ...(c.hostConfig.Tmpfs ? { Tmpfs: c.hostConfig.Tmpfs } : {}),
      ExtraHosts: c.hostConfig.ExtraHosts,
      ReadonlyRootfs: c.hostConfig.ReadonlyRootfs,
      Privileged: false,
    },
    GraphDriver: {
      Data: {
        LowerDir: `/var/lib/docker/overlay2/${c.id}-init/diff`,
        MergedDir: `/var/lib/docker/overlay2/${c.id}/merged`,
        UpperDir: `/var/lib/docker/overlay2/${c.id}/diff`,
        WorkDir: `/var/lib/docker/overlay2/${c.id}/work`,
      },
      Name: "overlay2",
    },
    Mounts: c.mounts,
    Config: {
      Hostname: c.config.Hostname,
      Domainname: "",
      User: c.config.User,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: c.config.Env,
      Cmd: c.config.Cmd,
      Image: c.config.Image,
      Volumes: null,
      WorkingDir: c.config.WorkingDir,
      Entrypoint: c.config.Entrypoint,
      OnBuild: null,
      Labels: c.config.Labels,
    },
    NetworkSettings: networkSettings(c),
  };
}

/** NetworkSettings.Ports of a running container: each exposed or published port, null when not published. */
function publishedPorts(c: Container): Record<string, { HostIp: string; HostPort: string }[] | null> {
  const ports = new Set([...Object.keys(c.image.config.ExposedPorts ?? {}), ...Object.keys(c.hostConfig.PortBindings)]);
  const out: Record<string, { HostIp: string; HostPort: string }[] | null> = {};
  for (const port of [...ports].sort((a, b) => parseInt(a) - parseInt(b))) {
    const bindings = c.hostConfig.PortBindings[port];
    out[port] = bindings?.length ? bindings.flatMap((b) => (b.HostIp ? [b] : [{ HostIp: "0.0.0.0", HostPort: b.HostPort }, { HostIp: "::", HostPort: b.HostPort }])) : null;
  }
  return out;
}

/**
 * NetworkSettings as Docker 28 fills it: the deprecated top-level address fields only for the
 * default bridge, and one `Networks` entry for the container's network (empty while stopped).
 */
function networkSettings(c: Container): Record<string, unknown> {
  const ep = c.endpoint;
  const [ip = "", bits = "0"] = ep?.ipv4 ? ep.ipv4.split("/") : [];
  const onDefaultBridge = ep?.networkName === "bridge";
  const mode = c.hostConfig.NetworkMode;
  return {
    Bridge: "",
    SandboxID: ep ? c.id.split("").reverse().join("") : "",
    SandboxKey: ep ? `/var/run/docker/netns/${c.id.slice(0, 12)}` : "",
    Ports: ep ? publishedPorts(c) : {},
    Gateway: onDefaultBridge ? ep!.gateway : "",
    IPAddress: onDefaultBridge ? ip : "",
    IPPrefixLen: onDefaultBridge ? Number(bits) : 0,
    MacAddress: onDefaultBridge ? ep!.mac : "",
    Networks: {
      [ep?.networkName ?? mode]: {
        IPAMConfig: null,
        Links: null,
        Aliases: null,
        MacAddress: ep?.mac ?? "",
        DriverOpts: null,
        GwPriority: 0,
        NetworkID: ep?.networkId ?? "",
        EndpointID: ep?.endpointId ?? "",
        Gateway: ep?.gateway ?? "",
        IPAddress: ip,
        IPPrefixLen: Number(bits),
        IPv6Gateway: "",
        GlobalIPv6Address: "",
        GlobalIPv6PrefixLen: 0,
        DNSNames: ep && ep.networkName !== "bridge" && ep.ipv4 ? [c.name, c.id.slice(0, 12)] : null,
      },
    },
  };
}

export function imageInspect(img: Image): Record<string, unknown> {
  return {
    Id: img.id,
    RepoTags: img.repoTags,
    RepoDigests: img.repoDigests,
    Parent: "",
    Comment: img.history.at(-1)?.comment ?? "",
    Created: goTime(img.created),
    DockerVersion: "",
    Author: "",
    Config: {
      Hostname: "",
      Domainname: "",
      User: img.config.User,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ...(img.config.ExposedPorts ? { ExposedPorts: img.config.ExposedPorts } : {}),
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: img.config.Env,
      Cmd: img.config.Cmd,
      Image: "",
      Volumes: null,
      WorkingDir: img.config.WorkingDir,
      Entrypoint: img.config.Entrypoint,
      OnBuild: null,
      Labels: img.config.Labels,
      ...(img.config.StopSignal ? { StopSignal: img.config.StopSignal } : {}),
    },
    Architecture: img.architecture,
    Os: img.os,
    Size: imageSize(img),
    GraphDriver: { Data: null, Name: "overlay2" },
    RootFS: { Type: "layers", Layers: img.layers.map((l) => l.diffId) },
    Metadata: { LastTagTime: goTime(img.created) },
  };
}
