/**
 * The cluster bench's load balancer: nginx from Debian's packages in front of the app instances
 * (bench/cluster.ts runs it; the replica comes from src/db/replica.ts).
 */
import { spawnSync } from 'node:child_process'
import os from 'node:os'

/** nginx from Debian's packages, installed with apt-get when missing (as .ci/run installs chromium). */
export function ensureNginx(log: (line: string) => void): string {
  const which = () => spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx 2>/dev/null'], { encoding: 'utf8' }).stdout.trim().split('\n')[0] ?? ''
  let bin = which()
  if (bin) return bin
  log('nginx is missing: installing it (apt-get install nginx) …')
  const sudo = os.userInfo().uid === 0 ? [] : ['sudo']
  const run = (args: string[]) =>
    spawnSync(sudo[0] ?? args[0]!, sudo.length ? args : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  if (run(['apt-get', 'update', '-qq']).status !== 0 || run(['apt-get', 'install', '-y', '-qq', 'nginx-light']).status !== 0) {
    if (run(['apt-get', 'install', '-y', '-qq', 'nginx']).status !== 0) throw new Error('could not install nginx with apt-get')
  }
  bin = which()
  if (!bin) throw new Error('nginx was installed but is not on the PATH')
  return bin
}

/**
 * nginx.conf for the bench: round robin over the app instances, keep-alive upstream
 * connections, a dead instance taken out at once. nginx passes a request to the next instance
 * when it could not connect (any method), and a GET also on a timeout / 502 / 503 / 504; a
 * POST that reached an instance is never sent twice by nginx (not idempotent): the client
 * retries it with its Idempotency-Key. X-Upstream says which instance answered.
 */
export function nginxConfig(options: { dir: string; port: number; upstreams: number[] }): string {
  const root = os.userInfo().uid === 0
  return `# written by bench/cluster.ts
daemon off;
master_process on;
worker_processes 1;
${root ? 'user nobody nogroup;\n' : ''}pid ${options.dir}/nginx.pid;
error_log ${options.dir}/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${options.dir}/client_body;
  proxy_temp_path ${options.dir}/proxy;
  fastcgi_temp_path ${options.dir}/fastcgi;
  uwsgi_temp_path ${options.dir}/uwsgi;
  scgi_temp_path ${options.dir}/scgi;
  client_max_body_size 2m;
  upstream tally {
${options.upstreams.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${options.port};
    location / {
      proxy_pass http://tally;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 2;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`
}
