import { expect, test } from 'vitest';
import { detectStory } from './detect-story.ts';

/**
 * One story per trap class of the taxonomy, in each language the detector reads:
 * the publisher's name, page boilerplate, a nationality that plays no part, homonyms of
 * countries, homonyms of companies, and a state acting on a company outside internet policy.
 */
interface Trap {
  name: string;
  title: string;
  text: string;
  publisher?: string;
  countries: string[];
  companies: string[];
  relevant?: boolean;
}

const TRAPS: Record<string, Trap[]> = {
  en: [
    {
      name: 'publisher name',
      publisher: 'India Times Digest',
      title: 'Spain fines Meta over election ads',
      text: "INDIA TIMES DIGEST\n\nSpain's competition authority CNMC fined Meta on Tuesday for its handling of political ads, India Times Digest has learned.",
      countries: ['ES'],
      companies: ['meta'],
    },
    {
      name: 'boilerplate',
      title: 'Heatwave pushes temperatures past 40C across southern Europe',
      text: 'Follow us on Twitter | Like us on Facebook | Get it on Google Play\n\nTemperatures passed 40C in parts of southern Europe on Sunday as a heatwave settled over the Mediterranean.\n\nShare on Facebook Share on X Share on WhatsApp Email',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'nationality that plays no part',
      title: 'Japanese collector buys Italian violin for record sum',
      text: 'A Japanese collector paid a record price for an 18th-century Italian violin at an auction in London, beating a German bidder.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'country homonyms',
      title: 'Chad Johnson and Jordan Spieth share the lead as turkey sandwiches sell out',
      text: 'Chad Johnson and Jordan Spieth shared the lead after the first round, while fans queued for turkey sandwiches and a guinea pig mascot toured the course in Georgia, where Augusta hosts the Masters.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'company homonyms',
      title: 'Snap election called as apple harvest and Amazon river levels worry farmers',
      text: 'The prime minister called a snap election, a signal of confidence, as a meta-analysis showed apple yields falling and the Amazon river at record lows. Analysts will zoom in on rural seats; one farmer sent a telegram to the X-ray clinic.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'state acting outside internet policy',
      title: 'SEC charges Snap over disclosures to investors',
      text: 'The US Securities and Exchange Commission charged Snap Inc. on Monday with misleading investors about user growth before its stock market listing, and the company agreed to pay a penalty.',
      countries: ['US'],
      companies: ['snap'],
      relevant: false,
    },
  ],
  fr: [
    {
      name: 'publisher name',
      publisher: 'Le Matin du Maroc',
      title: "La CNIL inflige une amende à Amazon pour la surveillance de ses salariés",
      text: "LE MATIN DU MAROC\n\nLa CNIL a infligé mardi une amende de 32 millions d'euros à Amazon France Logistique pour un système de surveillance des salariés jugé excessivement intrusif, rapporte Le Matin du Maroc.",
      countries: ['FR'],
      companies: ['amazon'],
    },
    {
      name: 'boilerplate',
      title: 'Le PSG remporte le championnat pour la douzième fois',
      text: "Suivez-nous sur Facebook | Partager sur X | Télécharger l'application\n\nLe Paris Saint-Germain a remporté samedi son douzième titre de champion de France après sa victoire contre Lyon.",
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'nationality that plays no part',
      title: 'Un touriste américain retrouve sa bague perdue à Nice',
      text: "Un touriste américain a retrouvé la bague qu'il avait perdue sur une plage de Nice, grâce à un plongeur italien.",
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'country homonyms',
      title: 'Jordan, le chien qui aimait la dinde',
      text: "Le vétérinaire Jordan Martin raconte l'histoire d'un cochon d'Inde et d'un chien qui volait la dinde de Noël.",
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'company homonyms',
      title: 'Un signal fort pour les producteurs de pommes',
      text: "La hausse des prix envoie un signal fort aux producteurs de pommes, selon une méta-analyse publiée lundi ; un télégramme annonçant la récolte record a été lu au marché.",
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'state acting outside internet policy',
      title: "L'Arcom met en demeure une chaîne pour manque de pluralisme",
      text: "L'Arcom a mis en demeure mercredi une chaîne de télévision pour manquement au pluralisme de l'information dans ses émissions politiques.",
      countries: ['FR'],
      companies: [],
      relevant: false,
    },
  ],
  de: [
    {
      name: 'publisher name',
      publisher: 'Türkei Aktuell',
      title: 'Bundestag beschließt schärfere Regeln gegen Hassrede im Netz',
      text: 'TÜRKEI AKTUELL\n\nDer Bundestag hat am Donnerstag schärfere Regeln gegen Hassrede auf Plattformen wie Facebook und YouTube beschlossen, berichtet Türkei Aktuell.',
      countries: ['DE'],
      companies: ['google', 'meta'],
    },
    {
      name: 'boilerplate',
      title: 'Bayern gewinnt das Spitzenspiel gegen Dortmund',
      text: 'Folgen Sie uns auf Twitter | Teilen auf Facebook | Jetzt die App herunterladen\n\nDer FC Bayern hat das Spitzenspiel gegen Borussia Dortmund mit 3:1 gewonnen und die Tabellenführung ausgebaut.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'nationality that plays no part',
      title: 'Französischer Koch eröffnet Restaurant in Hamburg',
      text: 'Ein französischer Koch hat in Hamburg ein Restaurant eröffnet, in dem er Gerichte aus der spanischen Küche serviert.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'country homonyms',
      title: 'Basketball-Legende Michael Jordan besucht Berlin',
      text: 'Michael Jordan besuchte am Wochenende ein Jugendturnier in Berlin; sein Freund Chad Ford begleitete ihn.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'company homonyms',
      title: 'Ein klares Signal für den Schutz des Amazonas',
      text: 'Die Konferenz sendet ein klares Signal für den Schutz des Amazonas-Regenwalds, wie eine Meta-Analyse zeigt; das Telegramm der Forscher wurde verlesen.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'state acting outside internet policy',
      title: 'Finanzaufsicht verhängt Bußgeld gegen Zahlungsdienstleister',
      text: 'Die BaFin hat gegen einen Zahlungsdienstleister ein Bußgeld wegen Mängeln bei der Geldwäscheprävention verhängt.',
      countries: ['DE'],
      companies: [],
      relevant: false,
    },
  ],
  es: [
    {
      name: 'publisher name',
      publisher: 'El Diario de México',
      title: 'La CNMC abre expediente a Google por sus prácticas publicitarias',
      text: 'EL DIARIO DE MÉXICO\n\nLa Comisión Nacional de los Mercados y la Competencia abrió el martes un expediente sancionador a Google por posible abuso de posición dominante en la publicidad en línea.',
      countries: ['ES'],
      companies: ['google'],
    },
    {
      name: 'boilerplate',
      title: 'Las lluvias alivian la sequía en Andalucía',
      text: 'Síguenos en Twitter | Compartir en Facebook | Descarga la app\n\nLas lluvias de la última semana han elevado el nivel de los embalses andaluces por primera vez en dos años.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'nationality that plays no part',
      title: 'Un turista alemán gana el maratón de Valencia',
      text: 'Un turista alemán ganó el domingo el maratón popular de Valencia, por delante de un corredor keniano.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'country homonyms',
      title: 'Jordan y Chad, los gemelos que conquistan la cancha',
      text: 'Los hermanos Jordan García y Chad García anotaron 40 puntos en la final juvenil, y su mascota, un conejillo de Indias, celebró en la grada.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'company homonyms',
      title: 'El equipo alcanza la meta de la temporada',
      text: 'El club cumplió la meta de ascender a Primera y su presidente envió un telegrama de felicitación; una señal del buen momento, dijo, como una manzana madura.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'state acting outside internet policy',
      title: 'La CNMV multa a un banco por vender productos complejos',
      text: 'La Comisión Nacional del Mercado de Valores impuso una multa de 3 millones de euros a un banco por vender productos financieros complejos a clientes minoristas.',
      countries: ['ES'],
      companies: [],
      relevant: false,
    },
  ],
  pt: [
    {
      name: 'publisher name',
      publisher: 'Portugal Digital',
      title: 'ANPD abre processo contra o TikTok por dados de crianças',
      text: 'PORTUGAL DIGITAL\n\nA Autoridade Nacional de Proteção de Dados abriu processo contra o TikTok por tratamento irregular de dados pessoais de crianças e adolescentes, informa o Portugal Digital.',
      countries: ['BR'],
      companies: ['tiktok'],
    },
    {
      name: 'boilerplate',
      title: 'Frente fria derruba temperaturas no Sul',
      text: 'Siga-nos no Instagram | Compartilhar no WhatsApp | Baixe o app\n\nUma frente fria derrubou as temperaturas em Porto Alegre e Curitiba nesta segunda-feira.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'nationality that plays no part',
      title: 'Turista chinês encontra fóssil em praia do Nordeste',
      text: 'Um turista chinês encontrou um fóssil de peixe numa praia do Nordeste, segundo um paleontólogo argentino que analisou a peça.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'country homonyms',
      title: 'Preço do peru de Natal sobe 12%',
      text: 'O preço do peru de Natal subiu 12% em relação ao ano passado, segundo a associação dos supermercados, e o chester ficou 8% mais caro.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'company homonyms',
      title: 'Empresa bate a meta de vendas do trimestre',
      text: 'A rede varejista bateu a meta de vendas do trimestre, um sinal positivo, segundo analistas; a meta para o ano foi mantida.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'state acting outside internet policy',
      title: 'CVM multa ex-diretores de varejista por balanço maquiado',
      text: 'A Comissão de Valores Mobiliários multou ex-diretores de uma varejista por inconsistências contábeis no balanço divulgado aos investidores.',
      countries: ['BR'],
      companies: [],
      relevant: false,
    },
  ],
  it: [
    {
      name: 'publisher name',
      publisher: 'Malta Oggi',
      title: 'Il Garante privacy sanziona OpenAI per ChatGPT',
      text: 'MALTA OGGI\n\nIl Garante per la protezione dei dati personali ha sanzionato OpenAI con una multa di 15 milioni di euro per il trattamento dei dati degli utenti di ChatGPT, scrive Malta Oggi.',
      countries: ['IT'],
      companies: ['openai'],
    },
    {
      name: 'boilerplate',
      title: "Neve in arrivo sull'arco alpino",
      text: "Seguici su Facebook | Condividi su X | Scarica l'app\n\nLe previsioni indicano neve abbondante sull'arco alpino a partire da giovedì.",
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'nationality that plays no part',
      title: 'Chef giapponese apre una trattoria a Bologna',
      text: 'Uno chef giapponese ha aperto una trattoria a Bologna dove cucina piatti francesi con ingredienti locali.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'country homonyms',
      title: 'Il batterista Chad Smith in concerto a Milano',
      text: 'Chad Smith dei Red Hot Chili Peppers ha suonato a Milano con il chitarrista Jordan Rudess davanti a diecimila persone.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'company homonyms',
      title: 'Venezia resta la meta preferita dei turisti',
      text: 'Venezia resta la meta preferita dei turisti stranieri, secondo una meta-analisi dei dati sugli arrivi: un segnale positivo per il settore.',
      countries: [],
      companies: [],
      relevant: false,
    },
    {
      name: 'state acting outside internet policy',
      title: 'La Consob sanziona una società quotata per informazioni false',
      text: 'La Consob ha sanzionato una società quotata per aver diffuso informazioni false sui conti ai propri azionisti.',
      countries: ['IT'],
      companies: [],
      relevant: false,
    },
  ],
};

for (const [lang, traps] of Object.entries(TRAPS)) {
  for (const trap of traps) {
    test(`${lang}: ${trap.name}`, () => {
      const d = detectStory({ title: trap.title, text: trap.text, publisher: trap.publisher });
      expect({ countries: d.countries, companies: d.companies }).toEqual({ countries: trap.countries, companies: trap.companies });
      if (trap.relevant !== undefined) expect(d.relevant).toBe(trap.relevant);
    });
  }
}
