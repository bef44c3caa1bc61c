import type { BurdenInput } from '@rumbo/method';

/** A demo friction: its texts, and its burden lines for an administration of `population` inhabitants. */
export interface DemoFriction {
  title: string;
  description: string;
  area: string;
  service: string;
  channel: string;
  tags: string[];
  lines(population: number): BurdenInput[];
}

/** People or cases a year, never zero: a share of the population, rounded. */
const share = (population: number, rate: number) => Math.max(1, Math.round(population * rate));

const citizens = (
  population: number,
  frequencyPerYear: number,
  minutesPerOccurrence: number,
  outOfPocketPerOccurrence = 0,
): BurdenInput => ({
  audience: 'citizens',
  population,
  frequencyPerYear,
  minutesPerOccurrence,
  outOfPocketPerOccurrence,
});
const staff = (population: number, frequencyPerYear: number, minutesPerOccurrence: number): BurdenInput => ({
  audience: 'staff',
  population,
  frequencyPerYear,
  minutesPerOccurrence,
});
const businesses = (
  population: number,
  frequencyPerYear: number,
  minutesPerOccurrence: number,
  outOfPocketPerOccurrence = 0,
  tariffPerHour?: number,
): BurdenInput => ({
  audience: 'businesses',
  population,
  frequencyPerYear,
  minutesPerOccurrence,
  outOfPocketPerOccurrence,
  ...(tariffPerHour === undefined ? {} : { tariffPerHour }),
});

/**
 * The demo's friction catalogue: what a Spanish administration typically suffers, sized by its
 * population (shares and minutes are illustrative, chosen to give plausible orders of magnitude).
 */
export const DEMO_FRICTIONS: readonly DemoFriction[] = [
  {
    title: 'Cita previa solo por teléfono',
    description: 'La cita para cualquier trámite presencial solo se puede pedir por teléfono, en horario de mañana.',
    area: 'citizen-response',
    service: 'Atención a la ciudadanía',
    channel: 'phone',
    tags: ['cita-previa', 'teléfono'],
    lines: (p) => [citizens(share(p, 0.05), 1, 25), staff(share(p, 0.05), 1, 6)],
  },
  {
    title: 'Certificado de empadronamiento solo en papel',
    description: 'El certificado se recoge en la oficina; no hay descarga con certificado digital.',
    area: 'citizen-response',
    service: 'Padrón municipal',
    channel: 'in-person',
    tags: ['papel', 'presencial'],
    lines: (p) => [citizens(share(p, 0.03), 1, 60, 3), staff(share(p, 0.03), 1, 10)],
  },
  {
    title: 'Licencia de obra menor con documentación duplicada',
    description: 'Se pide de nuevo documentación que la administración ya tiene (catastro, identidad).',
    area: 'internal-management',
    service: 'Urbanismo',
    channel: 'in-person',
    tags: ['solo-una-vez'],
    lines: (p) => [businesses(share(p, 0.004), 1, 180, 15), staff(share(p, 0.004), 1, 45)],
  },
  {
    title: 'Tarjeta de aparcamiento de residentes presencial',
    description: 'La renovación anual exige acudir con el permiso de circulación en papel.',
    area: 'mobility',
    service: 'Movilidad',
    channel: 'in-person',
    tags: ['renovación'],
    lines: (p) => [citizens(share(p, 0.02), 1, 50, 2), staff(share(p, 0.02), 1, 5)],
  },
  {
    title: 'Ayudas al alquiler sin tramitación electrónica',
    description: 'La solicitud y la subsanación se hacen en registro presencial.',
    area: 'inclusion',
    service: 'Servicios sociales',
    channel: 'in-person',
    tags: ['ayudas', 'subsanación'],
    lines: (p) => [citizens(share(p, 0.006), 1, 240, 5), staff(share(p, 0.006), 1, 60)],
  },
  {
    title: 'Inscripción en cursos de formación con formulario en papel',
    description: 'Los formularios se transcriben a mano en la hoja de cálculo del servicio.',
    area: 'training',
    service: 'Formación y empleo',
    channel: 'in-person',
    tags: ['papel'],
    lines: (p) => [citizens(share(p, 0.01), 1, 40), staff(share(p, 0.01), 1, 8)],
  },
  {
    title: 'Quejas sin enrutado a la unidad responsable',
    description: 'Las quejas llegan a un buzón general y se reenvían a mano; muchas se responden tarde.',
    area: 'citizen-response',
    service: 'Quejas y sugerencias',
    channel: 'email',
    tags: ['enrutado'],
    lines: (p) => [citizens(share(p, 0.015), 1.5, 30), staff(share(p, 0.015), 1.5, 20)],
  },
  {
    title: 'Registro de demandantes de empleo sin cita en línea',
    description: 'La inscripción exige dos visitas: una para pedir cita y otra para el registro.',
    area: 'employment',
    service: 'Agencia de desarrollo local',
    channel: 'in-person',
    tags: ['cita-previa'],
    lines: (p) => [citizens(share(p, 0.008), 2, 45, 1.5)],
  },
  {
    title: 'Autorización de terrazas en tres ventanillas',
    description: 'Urbanismo, Hacienda y Policía Local piden cada uno su formulario y sus planos.',
    area: 'tourism',
    service: 'Licencias de actividad',
    channel: 'in-person',
    tags: ['ventanilla-única'],
    lines: (p) => [businesses(share(p, 0.0015), 1, 240, 20), staff(share(p, 0.0015), 1, 90)],
  },
  {
    title: 'Facturas de proveedores validadas a mano',
    description: 'Cada factura electrónica se imprime, se firma y se escanea antes de contabilizarla.',
    area: 'internal-management',
    service: 'Intervención',
    channel: 'internal',
    tags: ['factura-electrónica'],
    lines: (p) => [businesses(share(p, 0.01), 12, 15, 0, 48), staff(share(p, 0.01), 12, 10)],
  },
  {
    title: 'Denuncias de tráfico sin notificación electrónica',
    description: 'Las notificaciones se envían por correo certificado aunque la persona tenga dirección electrónica.',
    area: 'security',
    service: 'Policía Local',
    channel: 'post',
    tags: ['notificaciones'],
    lines: (p) => [citizens(share(p, 0.02), 1, 35, 1.5), staff(share(p, 0.02), 1, 7)],
  },
  {
    title: 'Solicitud de informes sanitarios en papel',
    description: 'Los informes para ayudas y dependencia se piden y se entregan en mano.',
    area: 'health',
    service: 'Salud pública',
    channel: 'in-person',
    tags: ['papel', 'dependencia'],
    lines: (p) => [citizens(share(p, 0.004), 1, 90, 4), staff(share(p, 0.004), 1, 15)],
  },
  {
    title: 'Mediación vecinal sin expediente electrónico',
    description: 'Cada caso se documenta en papel y no se puede consultar su estado.',
    area: 'justice',
    service: 'Mediación comunitaria',
    channel: 'in-person',
    tags: ['expediente'],
    lines: (p) => [citizens(share(p, 0.001), 1, 120), staff(share(p, 0.001), 1, 150)],
  },
];
