import type vi from './vi';

const en: typeof vi = {
  app: {
    name: 'Một Cửa',
    tagline: 'Public administrative services',
    loading: 'Loading…',
    retry: 'Try again',
    language: 'Language',
    switch_to_other: 'Tiếng Việt',
    not_found: 'This page was not found.',
    go_home: 'Back to home',
    unexpected_error: 'Something went wrong on screen. The page still works; please try again.',
    dismiss: 'Dismiss',
  },
  sync: {
    offline: 'Offline',
    syncing: 'Syncing',
    idle: 'Up to date',
    error: 'Sync error',
    label: 'Sync status: {state}',
  },
  kiosk: {
    welcome: 'Hello! How can we help you?',
    intro: 'Look up procedures, file a dossier, track results and give feedback, right here.',
    announcements: 'Announcements',
    no_announcements: 'No new announcements.',
    ward_label: 'Public administrative service centre',
  },
  staff: {
    title: 'One-stop desk',
    home: 'Workspace',
    post_announcement: 'Post an announcement for residents',
    announcement_title: 'Title',
    announcement_body: 'Text',
    publish: 'Publish',
    published: 'Published “{title}”. Kiosks show it now.',
    current_announcements: 'Announcements on display',
    system: 'System',
    mode: 'Mode',
    mode_kiosk: 'Kiosk',
    mode_staff: 'Reception desk',
    ward: 'Ward/commune',
    db_version: 'Data version',
    portal: 'Public service portal',
    portal_on: 'Configured',
    portal_off: 'Not configured — running offline',
    version: 'App version',
  },
  print: {
    device_sheet: 'Device information sheet',
    print: 'Print',
  },
};

export default en;
